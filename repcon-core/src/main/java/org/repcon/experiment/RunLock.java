package org.repcon.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive lock a process holds on a run directory while it runs or resumes it: an OS lock
 * ({@link FileChannel#tryLock()}) on the file {@value #FILE} in the directory, which holds the owner's pid. A
 * second process is refused before it touches anything; the OS drops the lock when its owner ends, even if killed.
 * The file itself stays (deleting it on release would let one process lock the deleted file while another locks a
 * new one).
 */
final class RunLock implements AutoCloseable {
    static final String FILE = ".repcon.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (an existing directory).
     *
     * @throws RunDirectoryInUseException if another process (or this one) holds the lock
     */
    static RunLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        boolean here = false;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
            here = true;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new RunDirectoryInUseException(dir, here ? ProcessHandle.current().pid() : owner(file), here);
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        } catch (IOException e) {
            // the pid is only for the message a second process prints; the lock holds without it
        }
        return new RunLock(channel, lock);
    }

    private static long owner(Path file) {
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return -1; // locked, pid not written yet
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** The run directory is locked by another repcon process (or by this one). */
    static final class RunDirectoryInUseException extends IOException {
        private static final long serialVersionUID = 1L;

        RunDirectoryInUseException(Path dir, long pid, boolean thisProcess) {
            super("run directory " + dir + " is in use by " + (thisProcess ? "this" : "another") + " repcon process"
                    + (pid > 0 ? " (pid " + pid + ")" : "") + "; wait for it to end, or stop it first");
        }
    }
}
