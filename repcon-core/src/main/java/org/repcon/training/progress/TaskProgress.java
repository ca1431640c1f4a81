package org.repcon.training.progress;

/**
 * Progress of one long piece of work other than training (sampling, a likelihood bound, scoring), counted in units
 * the task names (e.g. model evaluations of one image). Created by {@link ProgressDisplay#task}; closed when the task
 * ends. Library code takes a {@code TaskProgress} and calls {@link #advance}; {@link #NONE} shows nothing.
 */
public interface TaskProgress extends AutoCloseable {
    /** Shows nothing. */
    TaskProgress NONE = new TaskProgress() {
        @Override
        public void advance(long units) {}

        @Override
        public void close() {}
    };

    /** {@code units} more units are done. */
    void advance(long units);

    /** The task has ended (also when it failed). */
    @Override
    void close();
}
