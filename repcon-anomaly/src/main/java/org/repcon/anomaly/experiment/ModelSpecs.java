package org.repcon.anomaly.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.spec.Overrides;
import org.repcon.spec.Spec;

/**
 * The nested runs of {@code anomaly-one-class}: an {@code autoencoder} run (AE), another (VAE) and a {@code diffusion}
 * run per class, trained by their own experiments on a folder holding only that class's training images. Their
 * evaluations are cut to the cheapest settings (no probe, PCA map, few samples, no likelihood images): the anomaly
 * scores are computed by this experiment.
 */
public final class ModelSpecs {
    private ModelSpecs() {}

    /** AE: latent 16, widths 32/64, L2, Adam 1e-3, 20 epochs of batch 64. */
    static final List<String> AE = List.of("model.type=ae", "model.latent_size=16", "model.channels=[32, 64]", "loss.l2=1",
            "training.batch_size=64", "training.epochs=20", "training.lr=1.0e-3", "training.log_every=20", "training.checkpoint_every=500",
            "evaluation.probe=false", "evaluation.knn_train_subsample=500", "evaluation.embedding=pca", "evaluation.embedding_points=200");

    /** VAE: as the AE, with the KL weight 1/784 ~ 0.0013 (beta = 1 for the per-pixel mean loss: the ELBO). */
    static final List<String> VAE = List.of("model.type=vae", "conditions.kl=0.0013");

    /**
     * Diffusion: the U-Net of examples/diffusion.yaml with T = 200 (the linear schedule scaled to T; the variational
     * bound costs T model evaluations per image), 4 epochs of batch 64; minimal sampling. The de-noising score's DDIM
     * denoiser takes 10 steps over T (not 20: that halves the costliest score of the protocol, 299 s -> about 170 s per
     * class for 10,000 test images at 4 sigmas, to keep 10 classes under 2 hours on 2 cores).
     */
    static final List<String> DIFFUSION = List.of("model.base_channels=16", "model.channel_multipliers=[1, 2, 2]", "model.residual_blocks=1",
            "model.attention=true", "model.groups=8", "model.timesteps=200", "training.batch_size=64", "training.epochs=4",
            "training.lr=2.0e-3", "training.log_every=10", "training.checkpoint_every=100", "sampling.samples=16", "sampling.other_samples=2",
            "sampling.ddim_steps=10", "sampling.strip=2", "evaluation.denoise_images=8", "evaluation.likelihood_images=0",
            "evaluation.loss_images=64");

    /** What quick changes: AE and VAE 5 epochs; diffusion T = 50, base width 8, 3 epochs. */
    static final Map<String, List<String>> QUICK = Map.of("ae", List.of("training.epochs=5"), "vae", List.of("training.epochs=5"),
            "diffusion", List.of("model.base_channels=8", "model.groups=4", "model.attention=false", "model.timesteps=50",
                    "training.epochs=3", "training.checkpoint_every=50", "sampling.ddim_steps=10"));

    /** The default tree of a model (without data). */
    static Map<String, Object> tree(String model, long seed, int threads, boolean quick) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("experiment", model.equals("diffusion") ? "diffusion" : "autoencoder");
        tree.put("seed", seed);
        tree.put("threads", threads);
        tree.put("description", model + " of anomaly-one-class (trained on one class)");
        List<String> set = switch (model) {
            case "ae" -> AE;
            case "vae" -> concat(AE, VAE);
            default -> DIFFUSION;
        };
        set.forEach(a -> Overrides.apply(tree, a));
        if (quick) {
            QUICK.get(model).forEach(a -> Overrides.apply(tree, a));
        }
        return tree;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * A deep copy of {@code tree} with its data keys: the class folder {@code dir} and a small validation share of its
     * own (the nested run's "test" images are this experiment's validation images of the class, never the test set),
     * and for the diffusion model the feature-classifier cache {@code cache} (null: its default).
     */
    public static Map<String, Object> withData(Map<String, Object> tree, Path dir, double nestedValidation, Path cache) {
        Map<String, Object> t = Spec.of(tree).copyTree();
        Map<String, Object> data = new LinkedHashMap<>();
        boolean diffusion = "diffusion".equals(t.get("experiment"));
        if (!diffusion) {
            data.put("source", "fashion-mnist");
        }
        data.put("dir", dir.toString());
        data.put("validation_fraction", nestedValidation);
        t.put("data", data);
        if (diffusion && cache != null) {
            Overrides.apply(t, "evaluation.classifier_cache=" + cache);
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
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
