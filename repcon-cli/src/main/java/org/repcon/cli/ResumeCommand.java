package org.repcon.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repcon resume DIR}. */
@Command(name = "resume", description = "Continue an interrupted run from its last intact checkpoint.")
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory")
    Path dir;

    @Option(names = "--progress", description = "progress display: auto, bar, log, none")
    String progress = "auto";

    @Override
    public Integer call() {
        try {
            return Outcome.report(new Runner(System.out, Progress.factory(progress)).resume(dir));
        } catch (SpecException | DataException | IOException e) { // found before anything is written
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
