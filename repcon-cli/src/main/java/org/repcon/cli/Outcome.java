package org.repcon.cli;

import java.util.Map;
import org.repcon.experiment.Interruption;
import org.repcon.experiment.Runner;

/** Prints a run's outcome and maps it to an exit code. */
final class Outcome {
    private Outcome() {}

    static int report(Runner.Result result) {
        if (result.interrupted()) {
            System.err.println("run interrupted: " + result.message());
            System.err.println("run directory (checkpoints kept, status.json says interrupted): " + result.directory().path());
            return Interruption.exitCode();
        }
        if (!result.succeeded()) {
            System.err.println("run failed: " + result.message());
            System.err.println("run directory (checkpoints kept, status.json says failed): " + result.directory().path());
            return 1;
        }
        System.out.println("metrics:");
        for (Map.Entry<String, Object> e : result.metrics().entrySet()) {
            System.out.println("  " + e.getKey() + ": " + e.getValue());
        }
        System.out.println("report: " + result.directory().report());
        System.out.println("run directory: " + result.directory().path());
        return 0;
    }
}
