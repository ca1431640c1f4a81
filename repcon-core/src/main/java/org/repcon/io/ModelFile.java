package org.repcon.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.repcon.nn.Parameters;

/**
 * The file of a trained model's arrays ({@code model.bin} of a run), shared by every experiment family. Format
 * (version 1), big-endian:
 * <pre>
 *   magic "REPCONMD" (8 bytes), int format version, long payload length n,
 *   payload: n bytes of {@link Parameters#write} (names, shapes, values, buffers),
 *   long CRC32 of everything before it
 * </pre>
 * as checkpoints are ({@code CheckpointStore}). Saving is atomic ({@link AtomicFiles}). Loading checks, in this
 * order, length, magic, version, payload length and checksum before a single value is used, so a truncated,
 * corrupt or foreign file is refused with a message naming the file and the problem, and the parameters stay as
 * they were. Files of repcon versions before this format (the bare payload, without header or checksum) are
 * recognised and refused: their integrity cannot be checked.
 */
public final class ModelFile {
    private static final byte[] MAGIC = "REPCONMD".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT_VERSION = 1;
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int CHECKSUM = 8;

    private ModelFile() {}

    /** Writes {@code parameters} (and their buffers) to {@code file}, atomically. */
    public static void save(Path file, Parameters parameters) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(payload)) {
            parameters.write(out);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(HEADER + payload.size() + CHECKSUM);
        try (DataOutputStream out = new DataOutputStream(all)) {
            out.write(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeLong(payload.size());
            payload.writeTo(out);
        }
        CRC32 crc = new CRC32();
        crc.update(all.toByteArray());
        AtomicFiles.write(file, ByteBuffer.allocate(all.size() + CHECKSUM).put(all.toByteArray()).putLong(crc.getValue()).array());
    }

    /**
     * Reads {@code file} into {@code parameters}, whose names and shapes must match the saved ones.
     *
     * @throws IOException naming the file: missing, truncated, corrupt (checksum mismatch), not a model file, of an
     *     older repcon or another format version, or not matching the parameters (which are then unchanged)
     */
    public static void load(Path file, Parameters parameters) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String what = "model file " + file;
        if (all.length >= MAGIC.length && !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(what + (isOlderFormat(all)
                    ? " was written by an older repcon (no header or checksum, so its integrity cannot be checked) and is "
                            + "not read by this version; retrain the model to get a checked model file"
                    : " is not a repcon model file (it does not start with " + new String(MAGIC, StandardCharsets.US_ASCII) + ")"));
        }
        if (all.length < HEADER + CHECKSUM) {
            throw new IOException(what + " is truncated (" + all.length + " bytes; even an empty model has "
                    + (HEADER + CHECKSUM) + ")");
        }
        ByteBuffer header = ByteBuffer.wrap(all, MAGIC.length, HEADER - MAGIC.length);
        int version = header.getInt();
        if (version != FORMAT_VERSION) {
            throw new IOException(what + " has format version " + version + "; this repcon reads version " + FORMAT_VERSION);
        }
        long length = header.getLong();
        long expected = HEADER + length + CHECKSUM;
        if (length < 0 || expected != all.length) {
            throw new IOException(what + (length >= 0 && all.length < expected
                    ? " is truncated (" + all.length + " bytes; its header promises " + expected + ")"
                    : " is corrupt (" + all.length + " bytes, but its header gives a payload of " + length + " bytes)"));
        }
        CRC32 crc = new CRC32();
        crc.update(all, 0, all.length - CHECKSUM);
        if (ByteBuffer.wrap(all, all.length - CHECKSUM, CHECKSUM).getLong() != crc.getValue()) {
            throw new IOException(what + " is corrupt (checksum mismatch): it changed after it was written; restore it "
                    + "from a copy or retrain the model");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, HEADER, (int) length));
        try {
            parameters.read(in);
        } catch (EOFException e) {
            throw new IOException(what + " does not fit this model: it ends before all of the model's arrays were read", e);
        } catch (IOException e) {
            throw new IOException(what + " does not fit this model: " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code bytes} look like the bare {@link Parameters#write} output that model files held before this
     * format: a Java modified-UTF string, the data type (e.g. FLOAT32) or the buffers' marker, first.
     */
    private static boolean isOlderFormat(byte[] bytes) {
        if (bytes.length < 2) {
            return false;
        }
        int n = ((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF);
        if (n == 0 || bytes.length < 2 + n) {
            return false;
        }
        String first = new String(bytes, 2, n, StandardCharsets.US_ASCII);
        return first.equals("FLOAT32") || first.equals("FLOAT64") || first.equals("repcon-parameters-v2");
    }
}
