package org.repcon.experiment;

import org.repcon.spec.Spec;

/**
 * A reproducible experiment described by a spec file. Like a pythae model, it is a config record (built by
 * {@link #configure}, which validates every key it reads) plus the code that runs it.
 *
 * <p>Common keys ({@code experiment}, {@code seed}, {@code threads}, {@code description}) are read by the
 * {@link Runner}; {@link #configure} reads the rest and the runner then rejects any key nobody read.
 *
 * @param <C> the experiment's config type
 */
public interface Experiment<C> {
    /** The value of the spec's {@code experiment} key, e.g. {@code burgers-pinn}. */
    String name();

    /** The start of its run directories' names, {@code <runName>-<date>-<time>}; default {@link #name}. */
    default String runName(C config) {
        return name();
    }

    /** One line for {@code repcon list}. */
    String description();

    /** Reads and validates the experiment's part of the spec; throws {@link org.repcon.spec.SpecException}. */
    C configure(Spec spec);

    /**
     * Checks that every file the run will read (data, a feature network, ...) exists and looks right, without
     * loading it. The runner calls this after {@link #configure}, before the run directory exists (also for
     * {@code repcon validate} and before a resume), so missing data is bad input with nothing written.
     *
     * @throws org.repcon.data.DataException naming the file and how to get it
     */
    default void checkInputs(C config) {}

    /** Runs (or, if {@link RunContext#resuming()}, resumes) the experiment, writing into the run directory. */
    void run(C config, RunContext context) throws Exception;
}
