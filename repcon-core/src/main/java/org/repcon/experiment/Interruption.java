package org.repcon.experiment;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Stops runs cleanly on SIGINT (Ctrl-C), SIGTERM ({@code kill}) and SIGHUP (a closed terminal), once
 * {@link #install()}ed (the command line does; the library alone never touches signal handling).
 *
 * <p>On the first signal during training, the trainer finishes the step it is in, saves a checkpoint there and
 * stops ({@link org.repcon.training.StopRequestedException}); the runner then marks the run {@code interrupted}
 * in status.json and the process exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM, 129 for
 * SIGHUP), as a shell expects. Outside training (loading data, evaluating, writing the report) nothing can stop
 * at a safe point, and nothing is lost by stopping at once: every file a run writes is written atomically, so the
 * process marks its unfinished runs {@code interrupted} and exits right away. The same happens if a training step
 * does not end within {@link #GRACE_SECONDS}, or on a second signal. {@code repcon resume} continues such a run
 * from its last checkpoint.
 */
public final class Interruption {
    /** How long a training gets to reach the end of its step after a signal before the process stops anyway. */
    static final long GRACE_SECONDS = 30;

    private static final Set<ActiveRun> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger TRAININGS = new AtomicInteger();
    private static volatile String signal;
    private static volatile int signalNumber;
    private static boolean installed;

    private Interruption() {}

    /** Handles SIGINT, SIGTERM and SIGHUP from now on (signals the process was started ignoring stay ignored). */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> received("SIG" + s.getName(), s.getNumber()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // not on this platform, or reserved by the JVM (-Xrs): the JVM's default handling stays
            }
        }
    }

    /** True once a stop was requested (a signal arrived): trainings stop at their next step. */
    public static boolean requested() {
        return signal != null;
    }

    /** The signal that requested the stop, e.g. {@code SIGTERM}, or null. */
    public static String signal() {
        return signal;
    }

    /** The exit code for the stop: 128 + the signal's number (130 if none is known). */
    public static int exitCode() {
        return 128 + (signalNumber > 0 ? signalNumber : 2);
    }

    /** Requests a stop as signal {@code name} (number {@code number}) would, without the forced exit (tests). */
    static void request(String name, int number) {
        signalNumber = number;
        signal = name;
    }

    /** Forgets a requested stop (tests). */
    static void reset() {
        signal = null;
        signalNumber = 0;
    }

    /** A training that stops cooperatively on a request begins (see {@link RunContext#train}). */
    static void trainingStarted() {
        TRAININGS.incrementAndGet();
    }

    static void trainingEnded() {
        TRAININGS.decrementAndGet();
    }

    private static void received(String name, int number) {
        boolean first;
        synchronized (Interruption.class) {
            first = signal == null;
            if (first) {
                request(name, number);
            }
        }
        if (!first) {
            System.err.println("repcon: " + name + " again: stopping now");
            stopNow();
            return;
        }
        if (TRAININGS.get() == 0) {
            stopNow();
            return;
        }
        System.err.println("repcon: " + name + " received: stopping after the current step (a checkpoint is saved there); "
                + "signal again to stop at once");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(GRACE_SECONDS));
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("repcon: the training step did not end within " + GRACE_SECONDS + " s of " + name + ": stopping now");
            stopNow();
        }, "repcon-stop-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Marks every unfinished run interrupted and ends the process at once. */
    private static void stopNow() {
        for (ActiveRun run : ACTIVE) {
            run.markInterrupted("interrupted by signal " + signal + "; `repcon resume " + run.directory().path()
                    + "` continues from the last checkpoint");
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode());
    }

    /** Registers a run being executed, so a forced stop can mark it interrupted. */
    static ActiveRun register(RunDirectory directory) {
        ActiveRun run = new ActiveRun(directory);
        ACTIVE.add(run);
        return run;
    }

    /** A run being executed: its final status is written once, by the runner or by a forced stop. */
    static final class ActiveRun implements AutoCloseable {
        private final RunDirectory directory;
        private final ReentrantLock lock = new ReentrantLock();
        private boolean finished;

        private ActiveRun(RunDirectory directory) {
            this.directory = directory;
        }

        RunDirectory directory() {
            return directory;
        }

        /** Writes the run's final status (unless a forced stop already did). */
        void finish(String state, String message) throws IOException {
            lock.lock();
            try {
                if (!finished) {
                    directory.writeStatus(state, message);
                    finished = true;
                }
            } finally {
                lock.unlock();
            }
        }

        private void markInterrupted(String message) {
            try {
                if (lock.tryLock(2, TimeUnit.SECONDS)) { // the runner may be writing the final status right now
                    try {
                        if (!finished) {
                            directory.writeStatus("interrupted", message);
                            finished = true;
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("repcon: could not mark " + directory.path() + " interrupted: " + e.getMessage());
            }
        }

        @Override
        public void close() {
            ACTIVE.remove(this);
        }
    }
}
