package org.repcon.cli;

import org.repcon.experiment.Interruption;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code repcon} command. Exit codes: 0 success, 1 a run failed (status.json says why), 2 bad input
 * (malformed or invalid spec, missing file, bad arguments, a run directory in use by another process; nothing is
 * written), 128 + n when signal n stopped it (130 SIGINT / Ctrl-C, 143 SIGTERM, 129 SIGHUP; status.json says
 * interrupted and {@code repcon resume} continues).
 */
@Command(name = "repcon", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Learning representations under constraints, transformations and conditions.",
        subcommands = {RunCommand.class, ResumeCommand.class, ListCommand.class, ValidateCommand.class, EncodeCommand.class,
                DecodeCommand.class, DataCommand.class, TrackCommand.class, SampleCommand.class, ScoreCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        Interruption.install(); // the process's signals: only the command line takes them over, not execute() (tests)
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 2;
        });
        return cli.execute(args);
    }
}
