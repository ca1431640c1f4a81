package org.repcon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repcon run NAME --seeds ...}: bad values and a seed set twice are refused before anything is written. */
class SeedsOptionTest {
    @TempDir
    Path out;

    @Test
    void badSeedsAndASeedSetTwiceAreRefusedNamingBoth() {
        String spec = CliTest.EXAMPLES.resolve("hnn-spring.yaml").toString();
        Map<String, String> refused = Map.of(
                "0", "error: --seeds 0: the number of seeds must be between 1 and 1000",
                "a,b", "error: --seeds a,b: 'a' is not a seed (a whole number >= 0)",
                "1,2,1", "error: --seeds 1,2,1: seed 1 is listed twice");
        for (Map.Entry<String, String> r : refused.entrySet()) {
            CliTest.Captured c = CliTest.run("run", spec, "--out", out.toString(), "--seeds", r.getKey());
            assertEquals(2, c.code(), c.stdout() + c.stderr());
            assertEquals(r.getValue(), c.stderr().strip());
        }
        CliTest.Captured both = CliTest.run("run", spec, "--out", out.toString(), "--seeds", "1,2,3", "--set", "seed=5");
        assertEquals(2, both.code());
        assertEquals("error: --seeds 1,2,3 and --set seed=5 both choose the seed; drop one of them", both.stderr().strip());
        CliTest.Captured badSpec = CliTest.run("run", spec, "--out", out.toString(), "--seeds", "2", "--set", "network.bogus=1");
        assertEquals(2, badSpec.code());
        assertEquals("spec error at network.bogus: unknown key (expected one of: activation, hidden, init)", badSpec.stderr().strip(),
                "the experiment's own key, as without --seeds");
        assertFalse(Files.exists(out) && out.toFile().list().length > 0, "no run directory");
    }
}
