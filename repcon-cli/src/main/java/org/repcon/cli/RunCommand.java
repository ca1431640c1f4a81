package org.repcon.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.experiment.RunSettings;
import org.repcon.experiment.Runner;
import org.repcon.experiment.SeedRuns;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;
import org.repcon.spec.SpecLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repcon run SPEC [--set key=value ...] [--out DIR] [--seeds N|S1,S2,...]}. */
@Command(name = "run", description = "Run an experiment described by a YAML spec (a file, or a built-in example name).")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "spec file, or the name of a built-in example (see 'repcon list')")
    String spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec value, e.g. --set training.stages[0].steps=100 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "parent folder of the run directory (default: runs)")
    Path out = Path.of("runs");

    @Option(names = "--progress", description = "progress display: auto, bar, log, none (default: auto = bar on a terminal, log otherwise)")
    String progress = "auto";

    @Option(names = "--seeds", paramLabel = "N|S1,S2,...", description = "run the experiment once per seed, as nested runs of one "
            + "run: N seeds from the spec's seed on, or the seeds listed; writes seeds.csv and each metric's mean and sample std")
    String seeds;

    @Option(names = "--quick", description = "the experiment's few-minute variant (same as --set quick=true; e.g. ae-suite)")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        Path file;
        try {
            file = Examples.resolve(spec);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        if (quick) {
            overrides.add(0, "quick=true");
        }
        List<String> command = new ArrayList<>(List.of("run", spec));
        overrides.forEach(o -> command.addAll(List.of("--set", o)));
        try {
            Runner runner = new Runner(System.out, Progress.factory(progress));
            if (seeds == null) {
                return Outcome.report(runner.run(file, overrides, out, command));
            }
            command.addAll(List.of("--seeds", seeds));
            String seedSet = overrides.stream().filter(o -> o.split("=", 2)[0].strip().equals("seed")).findFirst().orElse(null);
            if (seedSet != null) {
                System.err.println("error: --seeds " + seeds + " and --set " + seedSet + " both choose the seed; drop one of them");
                return 2;
            }
            Spec tree = SpecLoader.load(file, overrides);
            List<Long> list;
            try {
                list = SeedRuns.parse(seeds, RunSettings.seed(tree));
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
            return Outcome.report(runner.run(SeedRuns.spec(tree.copyTree(), list), out, command));
        } catch (SpecException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (DataException e) { // found before the run directory exists
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
