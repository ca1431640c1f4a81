package org.repcon.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a reader (or a killed process, or a full disk) never leaves half a file: the bytes go to a
 * temporary file in the same directory, which is then renamed over the target (atomically where the file system
 * can). What was there before stays intact until the new content is complete; after a failure there is no
 * temporary file left, and the IOException's message names the target and the reason ("cannot write
 * out/tracks.csv: No space left on device").
 *
 * <p>A target that is a symbolic link is written through: the file it points to is replaced, the link stays. A
 * target that exists but is neither a file nor a folder (a device or pipe, e.g. {@code /dev/stdout}) has nothing to
 * replace and is written directly. The new file gets the permissions of any newly created file (the umask's), not
 * those of a private temporary file.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** What goes into a file: writes it to {@code out} (buffered; closed by {@link AtomicFiles}). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes {@code bytes} to {@code target}, creating parent directories as needed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} writes to {@code target}, creating parent directories as needed. If
     * {@code content} throws, the target is left as it was.
     */
    public static void write(Path target, Content content) throws IOException {
        try {
            Path real = throughLinks(target.toAbsolutePath());
            if (Files.exists(real) && !Files.isRegularFile(real) && !Files.isDirectory(real)) {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(real))) {
                    content.writeTo(out);
                }
                return;
            }
            Path dir = real.getParent();
            Files.createDirectories(dir);
            Path tmp = newTemporary(dir, real.getFileName().toString());
            try {
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE))) {
                    content.writeTo(out);
                }
                try {
                    Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e, target), e);
        }
    }

    /**
     * Creates the folder {@code dir} and its parents as needed; the IOException's message names the folder and the
     * reason (e.g. that a file of that name is in the way).
     */
    public static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the folder " + dir + ": " + reason(e, dir), e);
        }
    }

    /** {@code path} with symbolic links followed to the file they point to (the path itself if there is none). */
    private static Path throughLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
            }
            p = p.resolveSibling(Files.readSymbolicLink(p));
        }
        return p;
    }

    /** A new empty file ".NAME.<random>.tmp" in {@code dir}, created with the default permissions. */
    private static Path newTemporary(Path dir, String name) throws IOException {
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                // taken: draw another name
            }
        }
    }

    /**
     * Why an operation on {@code target} failed, in words, with the path concerned when it is neither the target
     * nor one of our temporary files.
     */
    static String reason(IOException e, Path target) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " exists and is not a folder";
        }
        if (e instanceof NoSuchFileException f) {
            return "no such file or folder: " + shown(f.getFile());
        }
        if (e instanceof AccessDeniedException f) {
            return "permission denied: " + shown(f.getFile());
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            String file = f.getFile();
            boolean say = file != null && !Path.of(file).toAbsolutePath().equals(target.toAbsolutePath()) && !isTemporary(file);
            return f.getReason() + (say ? " (" + file + ")" : "");
        }
        String text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable cause = e.getCause(); // e.g. the PNG encoder's "I/O error writing PNG file!" over "No space left on device"
        return cause instanceof IOException c && c.getMessage() != null && !text.contains(c.getMessage())
                ? text + " (" + reason(c, target) + ")" : text;
    }

    /** {@code file}, or its folder if it is one of our temporary files (which the user never named). */
    private static String shown(String file) {
        return file != null && isTemporary(file) && Path.of(file).getParent() != null ? "the folder " + Path.of(file).getParent() : file;
    }

    private static boolean isTemporary(String file) {
        Path name = Path.of(file).getFileName();
        return name != null && name.toString().startsWith(".") && name.toString().endsWith(".tmp");
    }
}
