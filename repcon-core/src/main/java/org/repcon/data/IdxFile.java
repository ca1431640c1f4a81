package org.repcon.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files of unsigned bytes, the format of MNIST and Fashion-MNIST.
 *
 * <p>Layout (all integers big-endian, 32 bit): the magic number {@code 0x000008DD} (two zero bytes, the type code
 * {@code 0x08} = unsigned byte, the number of dimensions {@code DD}), then one size per dimension, then the data in
 * row-major order. Image files are 3-dimensional, magic {@link #IMAGE_MAGIC}, sizes [N, H, W], pixel (n, y, x) at
 * byte {@code (n * H + y) * W + x}; label files are 1-dimensional, magic {@link #LABEL_MAGIC}, sizes [N].
 *
 * <p>A file is gzip-compressed if it starts with the bytes {@code 1f 8b}, whatever its name. Every problem (missing,
 * truncated or corrupt file, wrong magic, unreasonable sizes, trailing bytes) raises a {@link DataException} that
 * names the file.
 */
public final class IdxFile {
    /** Magic number of an IDX file of unsigned-byte images [N, H, W]. */
    public static final int IMAGE_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels [N]. */
    public static final int LABEL_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;

    private IdxFile() {}

    /**
     * Unsigned-byte images read from an IDX file.
     *
     * @param height H
     * @param width W
     * @param pixels {@code count() * H * W} bytes, row-major [n, y, x]; read as unsigned ({@code b & 0xff})
     * @param countInFile N as declared by the file's header (may exceed {@link #count()} when a limit was given)
     */
    public record Images(int height, int width, byte[] pixels, int countInFile) {
        /** Number of images read. */
        public int count() {
            return pixels.length / (height * width);
        }
    }

    /** The number of items (images or labels) declared by an IDX file's header, without reading its data. */
    public static int count(Path file) {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, "header");
            if (magic != IMAGE_MAGIC && magic != LABEL_MAGIC) {
                throw new DataException(file + " is not an IDX image or label file (magic " + hex(magic) + ", expected "
                        + hex(IMAGE_MAGIC) + " or " + hex(LABEL_MAGIC) + "). " + FIX_FORMAT);
            }
            return size(readInt(in, file, "header"), file, "item count");
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    /** All images of an IDX image file. */
    public static Images readImages(Path file) {
        return readImages(file, 0);
    }

    /**
     * The first {@code limit} images of an IDX image file ({@code limit <= 0}: all). When all images are read, bytes
     * after the declared data are an error; with a smaller limit, the rest of the file is not read.
     */
    public static Images readImages(Path file, int limit) {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, "header");
            if (magic != IMAGE_MAGIC) {
                throw new DataException(file + " is not an IDX image file (magic " + hex(magic) + ", expected "
                        + hex(IMAGE_MAGIC) + ")." + (magic == LABEL_MAGIC
                                ? " It is an IDX label file: are the image and label files swapped?" : "")
                        + " " + FIX_FORMAT);
            }
            int n = size(readInt(in, file, "header"), file, "image count");
            int h = size(readInt(in, file, "header"), file, "image height");
            int w = size(readInt(in, file, "header"), file, "image width");
            if (h == 0 || w == 0) {
                throw new DataException(file + " declares images of " + h + "x" + w + " pixels; height and width must be"
                        + " positive. " + FIX_FORMAT);
            }
            long declared = (long) n * h * w;
            if (declared > Integer.MAX_VALUE - 8) {
                throw new DataException(file + " declares " + n + " images of " + h + "x" + w + " pixels, more than "
                        + "repcon can hold in one array (2^31 bytes); split the file or read fewer images (a limit).");
            }
            int k = limit <= 0 ? n : Math.min(limit, n);
            byte[] pixels = readData(in, file, (long) k * h * w, declared, k == n);
            return new Images(h, w, pixels, n);
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    /** All labels of an IDX label file, each in [0, 255]. */
    public static int[] readLabels(Path file) {
        return readLabels(file, 0);
    }

    /** The first {@code limit} labels of an IDX label file ({@code limit <= 0}: all), each in [0, 255]. */
    public static int[] readLabels(Path file, int limit) {
        try (InputStream in = open(file)) {
            int magic = readInt(in, file, "header");
            if (magic != LABEL_MAGIC) {
                throw new DataException(file + " is not an IDX label file (magic " + hex(magic) + ", expected "
                        + hex(LABEL_MAGIC) + ")." + (magic == IMAGE_MAGIC
                                ? " It is an IDX image file: are the image and label files swapped?" : "")
                        + " " + FIX_FORMAT);
            }
            int n = size(readInt(in, file, "header"), file, "label count");
            int k = limit <= 0 ? n : Math.min(limit, n);
            byte[] bytes = readData(in, file, k, n, k == n);
            int[] labels = new int[k];
            for (int i = 0; i < k; i++) {
                labels[i] = bytes[i] & 0xff;
            }
            return labels;
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    /**
     * Writes unsigned-byte images [count, height, width] as an IDX image file, gzip-compressed if {@code gzip}.
     *
     * @param pixels {@code count * height * width} bytes, row-major [n, y, x]
     */
    public static void writeImages(Path file, byte[] pixels, int count, int height, int width, boolean gzip) {
        if (count < 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("need count >= 0 and positive height and width, got " + count + ", "
                    + height + ", " + width);
        }
        if (pixels.length != (long) count * height * width) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes are not " + count + " images of " + height
                    + "x" + width);
        }
        write(file, gzip, new int[] {IMAGE_MAGIC, count, height, width}, pixels);
    }

    /** Writes labels (each in [0, 255]) as an IDX label file, gzip-compressed if {@code gzip}. */
    public static void writeLabels(Path file, int[] labels, boolean gzip) {
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i + " does not fit an unsigned "
                        + "byte (0-255)");
            }
            bytes[i] = (byte) labels[i];
        }
        write(file, gzip, new int[] {LABEL_MAGIC, labels.length}, bytes);
    }

    /** True if the file starts with the gzip magic bytes {@code 1f 8b}. */
    public static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw ioProblem(file, e);
        }
    }

    private static final String FIX_FORMAT = "An IDX file starts with 00 00 08 03 (images) or 00 00 08 01 (labels); "
            + "point repcon at the original (optionally gzip-compressed) IDX files.";

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static int readInt(InputStream in, Path file, String where) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            throw new DataException(file + " is too short to be an IDX file: its " + where + " ends early. "
                    + FIX_FORMAT);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static int size(int value, Path file, String what) {
        if (value < 0) {
            throw new DataException(file + ": the " + what + " " + Integer.toUnsignedString(value) + " in its header is "
                    + "not plausible; the file is corrupt or not an IDX file. " + FIX_FORMAT);
        }
        return value;
    }

    /** Reads {@code wanted} data bytes of the {@code declared}; if {@code all}, nothing may follow them. */
    private static byte[] readData(InputStream in, Path file, long wanted, long declared, boolean all)
            throws IOException {
        byte[] data = in.readNBytes((int) wanted);
        if (data.length < wanted) {
            throw new DataException(file + " is truncated: expected " + declared + " bytes of data, found "
                    + data.length + ". The file is incomplete: download or install it again.");
        }
        if (all) {
            long extra = in.transferTo(OutputStream.nullOutputStream());
            if (extra > 0) {
                throw new DataException(file + " has " + extra + " bytes after the " + declared + " bytes of data its "
                        + "header declares; its header or data is wrong. Download or install the file again.");
            }
        }
        return data;
    }

    private static DataException ioProblem(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(file + " does not exist; check the path (e.g. data.dir in the spec).", e);
        }
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DataException(file + " is a corrupt or truncated gzip file (" + e.getMessage()
                    + "); download or install it again.", e);
        }
        return new DataException("cannot read " + file + ": " + e + "; check that it is a readable file.", e);
    }

    private static void write(Path file, boolean gzip, int[] header, byte[] data) {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), BUFFER);
                DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw, BUFFER) : raw)) {
            for (int v : header) {
                out.writeInt(v);
            }
            out.write(data);
        } catch (IOException e) {
            throw new DataException("cannot write " + file + ": " + e + "; check that its folder exists and is "
                    + "writable.", e);
        }
    }

    private static String hex(int magic) {
        return String.format("0x%08x", magic);
    }
}
