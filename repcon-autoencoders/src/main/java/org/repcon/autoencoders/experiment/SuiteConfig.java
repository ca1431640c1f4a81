package org.repcon.autoencoders.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.experiment.Comparison;
import org.repcon.spec.Overrides;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/**
 * The {@code ae-suite} experiment's config: a base {@code autoencoder} spec and the variants that each
 * change some of its keys. Every variant is validated before the first one trains.
 * <pre>
 * quick: false          # true: a few-minute version (fewer images, one epoch, PCA map)
 * base:                 # keys of an autoencoder spec shared by all variants (data, model, training, ...)
 *   training: {epochs: 3}
 * variants:             # default: the lecture's comparison ({@link #DEFAULT_VARIANTS})
 *   - name: ae-l1
 *     about: L1 reconstruction loss
 *     set: {loss.l2: 0, loss.l1: 1}
 * </pre>
 *
 * @param variants name -> complete nested spec tree, in order
 * @param about name -> one-line description
 */
public record SuiteConfig(boolean quick, Map<String, Map<String, Object>> variants, Map<String, String> about) {

    /** One variant: a name, what it shows, and the keys it changes in the base spec. */
    public record Variant(String name, String about, List<String> set) {}

    /** The lecture's comparison: losses, the model family, and each condition against the plain AE. */
    public static final List<Variant> DEFAULT_VARIANTS = List.of(
            new Variant("ae-l2", "AE, L2 loss (the baseline)", List.of()),
            new Variant("ae-l1", "AE, L1 loss", List.of("loss.l2=0", "loss.l1=1")),
            new Variant("ae-perceptual", "AE, L2 + perceptual loss (Gabor/Sobel edge features)", List.of("loss.perceptual=1")),
            new Variant("vae", "VAE: KL to N(0, I) (beta in per-pixel-mean units)", List.of("model.type=vae", "conditions.kl=0.001")),
            new Variant("vqvae", "VQ-VAE: 16-dim codes on a 7x7 map, 128-code book, commitment 0.25",
                    List.of("model.type=vqvae", "model.latent_space=matrix", "model.latent_size=16", "model.codebook_size=128")),
            new Variant("ae-sparsity", "AE + sparsity: lambda sum |z_i|", List.of("conditions.sparsity=0.0005")),
            new Variant("ae-sphere-projection", "AE, z projected onto the unit sphere (hard constraint)", List.of("model.projection=unit_sphere")),
            new Variant("ae-sphere-penalty", "AE + unit-sphere penalty (|z| - 1)^2", List.of("conditions.unit_sphere=0.1")),
            new Variant("ae-simplex-projection", "AE, z projected onto the simplex by softmax (integrity, hard)", List.of("model.projection=simplex_softmax")),
            new Variant("ae-integrity-penalty", "AE + integrity penalty (sum z - 1)^2", List.of("conditions.integrity=0.1")),
            new Variant("ae-algebraic", "AE + algebraic condition f(z) = sum z = 0 (linear relation)",
                    List.of("conditions.algebraic=0.1", "conditions.algebraic_f=linear", "conditions.algebraic_c=0")),
            new Variant("ae-augment", "AE trained on translated/rotated inputs, clean targets (plain augmentation)", List.of("transformations.augment=true")),
            new Variant("ae-invariance", "AE + invariance term |z(T x) - z(x)|^2 (T: translation, rotation)", List.of("transformations.invariance=1.0")));

    static SuiteConfig read(Spec spec, long seed, int threads) {
        boolean quick = spec.getBoolean("quick", false);
        Spec base = spec.getChildOrEmpty("base");
        Map<String, Object> baseTree = base.copyTree();
        base.ignore(base.keys().toArray(String[]::new)); // validated per variant below
        if (baseTree.containsKey("experiment")) {
            throw base.error("experiment", "the base is always an autoencoder spec; leave this key out");
        }
        List<Variant> variants = new ArrayList<>();
        List<Spec> given = spec.getChildListOrEmpty("variants");
        for (Spec v : given) {
            String name = v.getString("name");
            if (!org.repcon.experiment.RunDirectory.isFolderName(name)) {
                throw v.error("name", "expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit "
                        + "(it names the folder runs/<name>/), got \"" + name + "\"");
            }
            Spec set = v.getChildOrEmpty("set");
            List<String> assignments = new ArrayList<>();
            for (String key : set.keys()) {
                assignments.add(key + "=" + org.repcon.spec.SpecWriter.toYaml(Spec.of(Map.of("v", set.rawTree().get(key))))
                        .replaceFirst("^v:\\s*", "").strip());
            }
            set.ignore(set.keys().toArray(String[]::new));
            variants.add(new Variant(name, v.getString("about", ""), assignments));
        }
        if (variants.isEmpty()) {
            variants.addAll(DEFAULT_VARIANTS);
        }
        Map<String, Map<String, Object>> trees = new LinkedHashMap<>();
        Map<String, String> about = new LinkedHashMap<>();
        for (Variant v : variants) {
            if (trees.containsKey(v.name())) {
                throw spec.error("variants", "two variants are named \"" + v.name() + "\"");
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            tree.put("experiment", "autoencoder");
            tree.put("seed", seed);
            tree.put("threads", threads);
            tree.put("description", v.about());
            if (quick) {
                QUICK.forEach(a -> Overrides.apply(tree, a));
            }
            deepMerge(tree, baseTree);
            try {
                trees.put(v.name(), Comparison.variant(tree, v.set()));
            } catch (SpecException e) {
                throw spec.error("variants", "variant \"" + v.name() + "\": " + e.getMessage());
            }
            about.put(v.name(), v.about());
        }
        return new SuiteConfig(quick, trees, about);
    }

    /** What {@code quick: true} changes (the base and the variants can still override it). */
    static final List<String> QUICK = List.of("data.train_limit=6000", "data.test_limit=1000", "training.epochs=1",
            "evaluation.knn_train_subsample=2000", "evaluation.embedding=pca", "evaluation.embedding_points=500");

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object mine = into.get(e.getKey());
            if (mine instanceof Map<?, ?> m && e.getValue() instanceof Map<?, ?> f) {
                deepMerge((Map<String, Object>) m, (Map<String, Object>) f);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }
}
