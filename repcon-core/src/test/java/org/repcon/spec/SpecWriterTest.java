package org.repcon.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecWriterTest {
    enum Activation { TANH, SIN }

    @TempDir
    Path dir;

    /** What an experiment would read; returns a description of every value for comparison. */
    private static String readAll(Spec spec) {
        Spec net = spec.getChildOrEmpty("network");
        StringBuilder sb = new StringBuilder();
        sb.append(spec.getString("name", "demo")).append('|')
                .append(spec.getLong("seed", 42)).append('|')
                .append(net.getInt("width", 32)).append('|')
                .append(net.getIntList("hidden", List.of(20, 20))).append('|')
                .append(net.getEnum("activation", Activation.class, Activation.TANH)).append('|')
                .append(spec.getBoolean("verbose", false)).append('|')
                .append(spec.getStringList("tags", List.of("a", "1e-3", "yes", "x, y")));
        for (Spec st : spec.getChild("training").getChildList("stages")) {
            sb.append('|').append(st.getDouble("lr", 1e-3)).append(',').append(st.getInt("steps", 100))
                    .append(',').append(st.getDouble("tol", 1e-10));
        }
        spec.finish();
        return sb.toString();
    }

    @Test
    void defaultsRecordedDumpedAndReloadedIdentically() throws Exception {
        Spec spec = SpecLoader.parse("""
                network: {activation: Sin}
                training:
                  stages:
                    - {lr: "1e-2"}
                    - {steps: 5}
                """, "exp.yaml");
        String first = readAll(spec);
        Path out = dir.resolve("run/resolved.yaml");
        SpecWriter.write(spec, out);
        String yaml = Files.readString(out);
        assertTrue(yaml.startsWith("network:\n  activation: sin\n  width: 32\n  hidden: [20, 20]\ntraining:\n  stages:\n    - lr: 0.01\n"), yaml);
        assertTrue(yaml.contains("name: demo\n"), yaml);

        Spec reloaded = SpecLoader.load(out);
        assertEquals(first, readAll(reloaded));
        assertEquals(spec.rawTree(), reloaded.rawTree());
        assertEquals(yaml, SpecWriter.toYaml(reloaded), "resolved spec is a fixed point");
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }
}
