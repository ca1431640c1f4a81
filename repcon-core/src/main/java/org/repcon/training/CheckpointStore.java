package org.repcon.training;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Checkpoint files {@code step-<n>.ckpt} in a directory. Format (version 1): magic {@code REPCONCK}, format
 * version, the {@link Checkpoint} fields, and a CRC32 of everything before it. Files are written to a temporary
 * name and atomically renamed, so a killed process never leaves a half-written checkpoint under a real name;
 * a corrupt file is detected by its checksum and never silently used.
 */
public final class CheckpointStore {
    private static final byte[] MAGIC = {'R', 'E', 'P', 'C', 'O', 'N', 'C', 'K'};
    private static final int FORMAT_VERSION = 1;
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.ckpt");

    private final Path directory;
    private final int keep;

    /**
     * @param directory where the files go (created on first save)
     * @param keep how many of the newest checkpoints to keep (at least 1)
     */
    public CheckpointStore(Path directory, int keep) {
        this.directory = directory;
        this.keep = Math.max(1, keep);
    }

    public Path directory() {
        return directory;
    }

    /** Writes {@code checkpoint} and removes the oldest beyond {@code keep}. Returns the file. */
    public Path save(Checkpoint c) throws IOException {
        Files.createDirectories(directory);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(c.steps());
            out.writeInt(c.stage());
            out.writeDouble(c.wallSeconds());
            out.writeLong(c.stageStep());
            writeBlock(out, c.parameters());
            writeBlock(out, c.optimizer());
            writeBlock(out, c.extra());
        }
        byte[] body = bytes.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(body);
        Path file = directory.resolve(String.format("step-%09d.ckpt", c.steps()));
        java.nio.ByteBuffer crcBytes = java.nio.ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue());
        org.repcon.io.AtomicFiles.write(file, crcBytes.array());
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            Files.deleteIfExists(all.get(i));
        }
        return file;
    }

    private static void writeBlock(DataOutputStream out, byte[] block) throws IOException {
        out.writeInt(block.length);
        out.write(block);
    }

    /** Checkpoint files, oldest first. */
    public List<Path> list() throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(directory)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointStore::stepOf))
                    .toList();
        }
    }

    private static long stepOf(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /**
     * The newest checkpoint that reads back intact. Corrupt newer files are reported in {@code warnings}
     * (and skipped); empty if there is none.
     */
    public Optional<Checkpoint> latest(List<String> warnings) throws IOException {
        List<Path> all = new ArrayList<>(list());
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                return Optional.of(read(all.get(i)));
            } catch (IOException e) {
                warnings.add(e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads and verifies one file. */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < MAGIC.length + 12) {
            throw new IOException("checkpoint " + file + " is truncated (" + all.length + " bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - 8);
        long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new IOException("checkpoint " + file + " is corrupt (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a repcon checkpoint");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IOException("checkpoint " + file + " has format version " + version
                        + "; this repcon reads version " + FORMAT_VERSION);
            }
            return new Checkpoint(in.readLong(), in.readInt(), in.readDouble(), in.readLong(),
                    readBlock(in), readBlock(in), readBlock(in));
        }
    }

    private static byte[] readBlock(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("corrupt checkpoint block length " + n);
        }
        return in.readNBytes(n);
    }
}
