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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.repcon.objective.LossValues;

/**
 * Checkpoint files {@code step-<n>.ckpt} in a directory. Format (version 2): magic {@code REPCONCK}, format
 * version, the {@link Checkpoint} fields, and a CRC32 of everything before it. Version 2 added the steps actually
 * taken and the last step's loss values after the version 1 fields (so a run resumed after its last step reports
 * the same final loss); version 1 files are still read. Files are written to a temporary
 * name and atomically renamed, so a killed process never leaves a half-written checkpoint under a real name;
 * a corrupt file is detected by its checksum and never silently used.
 */
public final class CheckpointStore {
    private static final byte[] MAGIC = {'R', 'E', 'P', 'C', 'O', 'N', 'C', 'K'};
    private static final int FORMAT_VERSION = 2;
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
            out.writeLong(c.executed());
            writeLossValues(out, c.last());
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

    private static void writeLossValues(DataOutputStream out, LossValues v) throws IOException {
        out.writeBoolean(v != null);
        if (v == null) {
            return;
        }
        writeMap(out, v.terms());
        writeMap(out, v.weights());
        out.writeDouble(v.total());
    }

    private static void writeMap(DataOutputStream out, Map<String, Double> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, Double> e : map.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static LossValues readLossValues(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        Map<String, Double> terms = readMap(in);
        Map<String, Double> weights = readMap(in);
        return new LossValues(terms, weights, in.readDouble());
    }

    private static Map<String, Double> readMap(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 100_000) {
            throw new IOException("corrupt checkpoint: " + n + " loss terms");
        }
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), in.readDouble());
        }
        return map;
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
            if (version != 1 && version != FORMAT_VERSION) {
                throw new IOException("checkpoint " + file + " has format version " + version
                        + "; this repcon reads versions 1 and " + FORMAT_VERSION);
            }
            long steps = in.readLong();
            int stage = in.readInt();
            double wall = in.readDouble();
            long stageStep = in.readLong();
            byte[] parameters = readBlock(in);
            byte[] optimizer = readBlock(in);
            byte[] extra = readBlock(in);
            if (version == 1) {
                return new Checkpoint(steps, stage, wall, stageStep, parameters, optimizer, extra);
            }
            return new Checkpoint(steps, stage, wall, stageStep, parameters, optimizer, extra, in.readLong(),
                    readLossValues(in));
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
