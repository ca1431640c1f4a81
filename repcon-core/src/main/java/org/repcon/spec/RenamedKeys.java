package org.repcon.spec;

import java.util.List;
import java.util.Map;

/**
 * The one table of spec keys that were renamed or moved, so that an old spec fails with a message naming the new
 * key instead of being silently read with defaults. Every experiment spec uses the lecture's vocabulary
 * ("Constraints in Representation Learning"):
 * <ul>
 *   <li>{@code loss:} the reconstruction / data-fit terms;</li>
 *   <li>{@code conditions:} terms added to the loss (KL, sparsity, unit sphere, integrity, physical laws f(z) = 0
 *       such as a PDE residual, the tracker's attraction and presence penalty);</li>
 *   <li>{@code transformations:} augmentations and the invariance / equivariance terms tied to them;</li>
 *   <li>{@code training:} how the weights are optimised.</li>
 * </ul>
 * Configs call {@link #reject(Spec, String)} (or {@link #reject(Map, String, String)} on a raw tree, e.g. a spec
 * nested in a suite) before reading; the first old key present, in table order, is reported.
 */
public final class RenamedKeys {
    /**
     * One renamed key.
     *
     * @param family the experiment whose spec it belongs to, as named in {@code experiment:}
     * @param oldPath the old key path, relative to that experiment's spec root
     * @param newPath where it lives now (a key path), shown in the message
     * @param detail the error's text after the path
     */
    public record Rename(String family, String oldPath, String newPath, String detail) {
        static Rename to(String family, String oldPath, String newPath) {
            return new Rename(family, oldPath, newPath, "renamed to " + newPath);
        }

        static Rename moved(String family, String oldPath, String newPath, String why) {
            return new Rename(family, oldPath, newPath, "moved to " + newPath + " (" + why + ")");
        }
    }

    private static final String ATTRACTION = "the attraction is a condition added to the loss";
    private static final String EQUIVARIANCE = "equivariance terms sit with the transformations they use";

    /** Old key -> new key; within a family, more specific paths come before the sections that contain them. */
    public static final List<Rename> TABLE = List.of(
            new Rename("burgers-pinn", "objective", "loss.mse_u, conditions.mse_f",
                    "renamed: the weights of the terms are under loss (mse_u) and conditions (mse_f, the PDE residual: a physical-law condition f = 0)"),
            Rename.to("tracker", "transforms", "transformations"),
            Rename.moved("tracker", "loss.latent_equivariance", "transformations.latent_equivariance", EQUIVARIANCE),
            Rename.moved("tracker", "loss.decoder_equivariance", "transformations.decoder_equivariance", EQUIVARIANCE),
            Rename.moved("tracker", "loss.attraction", "conditions.attraction", ATTRACTION),
            Rename.moved("tracker", "loss.attraction_width", "conditions.attraction_width", ATTRACTION),
            Rename.moved("tracker", "loss.attraction_width_start", "conditions.attraction_width_start", ATTRACTION),
            Rename.moved("tracker", "loss.presence_l1", "conditions.presence_l1", "the presence penalty is a condition added to the loss"));

    private RenamedKeys() {}

    /** Throws a {@link SpecException} at the first old key of {@code family} present in {@code spec} (a spec root). */
    public static void reject(Spec spec, String family) {
        reject(spec.rawTree(), spec.path(), family);
    }

    /** As {@link #reject(Spec, String)} for a raw tree whose keys are under {@code basePath} ({@code ""}: the root). */
    public static void reject(Map<String, ?> tree, String basePath, String family) {
        for (Rename r : TABLE) {
            if (r.family().equals(family) && present(tree, r.oldPath())) {
                throw new SpecException(SpecPaths.join(basePath, r.oldPath()), r.detail());
            }
        }
    }

    private static boolean present(Map<String, ?> tree, String dotted) {
        Object node = tree;
        for (String part : dotted.split("\\.")) {
            if (!(node instanceof Map<?, ?> m) || !m.containsKey(part)) {
                return false;
            }
            node = m.get(part);
        }
        return true;
    }
}
