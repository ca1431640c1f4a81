package org.repcon.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in example specs: the {@code examples/} folder of the repcon checkout (found through the
 * {@code REPCON_HOME} environment variable the launcher sets, or the working directory). A spec argument
 * that is not a file is looked up there by name ({@code burgers} means {@code examples/burgers.yaml}).
 */
final class Examples {
    private Examples() {}

    static Path folder() {
        String home = System.getenv("REPCON_HOME");
        return (home != null ? Path.of(home) : Path.of("")).resolve("examples").toAbsolutePath();
    }

    static List<Path> all() throws IOException {
        if (!Files.isDirectory(folder())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The spec file for {@code argument}: the path itself, or a built-in example of that name. */
    static Path resolve(String argument) {
        Path direct = Path.of(argument);
        if (Files.exists(direct)) {
            return direct;
        }
        Path example = folder().resolve(argument.endsWith(".yaml") ? argument : argument + ".yaml");
        if (Files.exists(example)) {
            return example;
        }
        List<String> names = new ArrayList<>();
        try {
            all().forEach(p -> names.add(p.getFileName().toString().replace(".yaml", "")));
        } catch (IOException ignored) {
            // listing is only for the message
        }
        throw new IllegalArgumentException("spec file not found: " + argument + (names.isEmpty() ? "" : " (built-in examples: " + String.join(", ", names) + ")"));
    }
}
