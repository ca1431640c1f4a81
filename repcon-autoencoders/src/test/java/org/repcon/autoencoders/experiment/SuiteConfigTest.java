package org.repcon.autoencoders.experiment;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.experiment.RunDirectory;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * A variant's name is the folder {@code runs/<name>/} of its nested run, so it must be a plain directory name:
 * {@code .} would put the variant into the suite's own runs/ folder and {@code ..} recursed ~250 levels deep
 * (each nested run one more {@code runs/..}); separators would leave the suite's directory.
 */
class SuiteConfigTest {
    @Test
    void variantNamesThatAreNotPlainFolderNamesAreRejectedNamingTheKey() {
        for (String bad : List.of(".", "..", "...", ".hidden", "-flag", "a/b", "../up", "a\\b", "", "tab\tname", "x".repeat(65))) {
            Spec spec = Spec.of(Map.of("experiment", "ae-suite",
                    "variants", List.of(Map.of("name", bad, "set", Map.of("loss.l1", 1)))));
            SpecException e = assertThrows(SpecException.class, () -> SuiteConfig.read(spec, 1, 1), "name \"" + bad + "\"");
            assertTrue(e.getMessage().contains("variants[0].name"), e.getMessage());
        }
    }

    @Test
    void theBuiltInVariantNamesAreValid() {
        for (SuiteConfig.Variant v : SuiteConfig.DEFAULT_VARIANTS) {
            assertTrue(RunDirectory.isFolderName(v.name()), v.name());
        }
        for (String good : List.of("ae-l2", "vq", "A.1_b-2", "x".repeat(64))) {
            assertTrue(RunDirectory.isFolderName(good), good);
        }
    }
}
