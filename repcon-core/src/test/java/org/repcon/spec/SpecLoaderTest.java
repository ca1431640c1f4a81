package org.repcon.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {
    @TempDir
    Path dir;

    @Test
    void malformedYamlNamesFileLineAndColumn() throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "seed: 1\nnetwork:\n  width: 3\n   bad: [\n");
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(f));
        assertTrue(e.getMessage().startsWith("spec error: invalid YAML in " + f + " at line 4, column"), e.getMessage());
    }

    @Test
    void duplicateKeysRejectedWithLine() {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.parse("a: 1\nb: 2\na: 3\n", "dup.yaml"));
        assertTrue(e.getMessage().contains("dup.yaml at line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key a"), e.getMessage());
    }

    @Test
    void missingFileAndNonMappingTopLevel() {
        Path missing = dir.resolve("nope.yaml");
        assertEquals("spec error: spec file not found: " + missing,
                assertThrows(SpecException.class, () -> SpecLoader.load(missing)).getMessage());
        assertEquals("spec error: x.yaml: the top level must be a mapping of keys to values, got a list",
                assertThrows(SpecException.class, () -> SpecLoader.parse("- 1\n- 2\n", "x.yaml")).getMessage());
        assertTrue(SpecLoader.parse("# only a comment\n", "e.yaml").keys().isEmpty());
        assertEquals("spec error: invalid YAML in m.yaml at line 2, column 1: expected a single document in the stream, but found another document",
                assertThrows(SpecException.class, () -> SpecLoader.parse("a: 1\n---\nb: 2\n", "m.yaml")).getMessage());
        assertEquals("spec error: mapping keys must be strings, got a list (in k.yaml)",
                assertThrows(SpecException.class, () -> SpecLoader.parse("? [a, b]\n: 1\n", "k.yaml")).getMessage());
    }

    @Test
    void unsafeTagsRejected() {
        SpecException e = assertThrows(SpecException.class,
                () -> SpecLoader.parse("x: !!java.io.File [\"/tmp\"]\n", "evil.yaml"));
        assertTrue(e.getMessage().contains("evil.yaml at line 1"), e.getMessage());
    }

    @Test
    void loadWithOverrides() throws Exception {
        Path f = dir.resolve("exp.yaml");
        Files.writeString(f, "seed: 1\n");
        assertEquals(7, SpecLoader.load(f, List.of("seed=7")).getInt("seed"));
    }
}
