package org.repcon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repcon.experiment.Experiment;
import org.repcon.experiment.ExperimentRegistry;
import picocli.CommandLine.Command;

/** {@code repcon list}: experiments and built-in example specs. */
@Command(name = "list", description = "List the experiments and the built-in example specs.")
final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        System.out.println("Experiments:");
        for (Experiment<?> e : ExperimentRegistry.all()) {
            System.out.printf("  %-16s %s%n", e.name(), e.description());
        }
        System.out.println();
        System.out.println("Built-in examples (" + Examples.folder() + "), run with 'repcon run NAME':");
        for (Path p : Examples.all()) {
            System.out.printf("  %-16s %s%n", p.getFileName().toString().replace(".yaml", ""), firstComment(p));
        }
        return 0;
    }

    private static String firstComment(Path p) throws java.io.IOException {
        for (String line : java.nio.file.Files.readAllLines(p)) {
            if (line.startsWith("#")) {
                return line.substring(1).trim();
            }
        }
        return "";
    }
}
