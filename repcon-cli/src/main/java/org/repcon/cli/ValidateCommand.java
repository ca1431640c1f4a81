package org.repcon.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.experiment.Runner;
import org.repcon.spec.SpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code repcon validate SPEC}: check a spec and print it resolved, without running it. */
@Command(name = "validate", description = "Check a spec and print it with all defaults filled in, without running it.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC")
    String spec;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a spec value (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        try {
            System.out.print(Runner.validate(Examples.resolve(spec), overrides));
            return 0;
        } catch (SpecException | DataException | IllegalArgumentException e) {
            System.err.println(e instanceof SpecException ? e.getMessage() : "error: " + e.getMessage());
            return 2;
        }
    }
}
