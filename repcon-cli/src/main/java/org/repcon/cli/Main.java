package org.repcon.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code repcon} command. Exit codes: 0 success, 1 a run failed (status.json says why), 2 bad input
 * (malformed or invalid spec, missing file, bad arguments).
 */
@Command(name = "repcon", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Learning representations under constraints, transformations and conditions.",
        subcommands = {RunCommand.class, ResumeCommand.class, ListCommand.class, ValidateCommand.class, EncodeCommand.class,
                DecodeCommand.class, DataCommand.class, TrackCommand.class, DoctorCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
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
