package org.repcon.anomaly.shift;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.anomaly.experiment.AnomalyOneClassConfig;
import org.repcon.anomaly.experiment.ModelSpecs;
import org.repcon.spec.Spec;

/**
 * The nested model runs of {@code anomaly-shift} and {@code anomaly-unlikely-unknown}: the AE, VAE and diffusion spec
 * trees of {@code anomaly-one-class} (its defaults and quick settings, with the spec's {@code ae:}, {@code vae:},
 * {@code diffusion:} keys merged over them and validated, read through {@link AnomalyOneClassConfig#read}), each given
 * a data folder, a seed and a description here.
 */
public final class NestedModels {
    /** The validation share the nested runs carve from their training folder for their own figures. */
    public static final double NESTED_VALIDATION = 0.02;

    private NestedModels() {}

    /**
     * The three trees (ae, vae, diffusion) without data; marks the spec's {@code ae}, {@code vae} and {@code diffusion}
     * keys as read.
     *
     * @throws org.repcon.spec.SpecException naming the bad key under ae, vae or diffusion
     */
    public static Map<String, Map<String, Object>> trees(Spec spec, long seed, int threads, boolean quick) {
        Map<String, Object> sub = new LinkedHashMap<>();
        sub.put("quick", quick);
        for (String m : AnomalyOneClassConfig.MODELS) {
            Spec given = spec.getChildOrEmpty(m);
            given.ignore(given.keys().toArray(String[]::new)); // validated as a whole by the one-class reader
            if (spec.has(m)) {
                sub.put(m, given.copyTree());
            }
        }
        return AnomalyOneClassConfig.read(Spec.of(sub), seed, threads).models();
    }

    /**
     * A deep copy of {@code tree} reading its data from {@code dir} (a Fashion-MNIST-shaped folder), with
     * {@code seed}, {@code description}, and for the diffusion model the feature-classifier cache {@code cache}.
     */
    public static Map<String, Object> withData(Map<String, Object> tree, Path dir, long seed, String description, Path cache) {
        Map<String, Object> t = ModelSpecs.withData(tree, dir, NESTED_VALIDATION, cache);
        t.put("seed", seed);
        t.put("description", description);
        return t;
    }

    /** The models every experiment of this package can name. */
    public static List<String> names() {
        return AnomalyOneClassConfig.MODELS;
    }
}
