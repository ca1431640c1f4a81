package org.repcon.autoencoders.experiment;

import java.util.Map;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.conditions.AlgebraicCondition;
import org.repcon.conditions.Integrity;
import org.repcon.conditions.Sparsity;
import org.repcon.conditions.UnitSphere;
import org.repcon.autoencoders.features.FeatureExtractor;
import org.repcon.constraints.loss.Perceptual;
import org.repcon.constraints.loss.Reconstruction;
import org.repcon.objective.Objective;
import org.repcon.transformations.latent.Invariance;

/**
 * The objective an autoencoder config describes: the weighted reconstruction losses, the model's own terms
 * ({@link AutoencoderModel#addOwnTerms}: VAE: KL; VQ-VAE: codebook and commitment) and the conditions and invariance term, each named as in the spec
 * so metrics.csv has one column per term.
 */
final class ObjectiveFactory {
    private ObjectiveFactory() {}

    static Objective<AutoencoderOutput> build(AutoencoderConfig c, AutoencoderModel model, FeatureExtractor perceptual) {
        Objective.Builder<AutoencoderOutput> b = Objective.builder();
        Map<String, Double> loss = c.loss();
        if (loss.get("l2") > 0) {
            b.add("l2", loss.get("l2"), Reconstruction.l2(AutoencoderOutput::reconstruction, AutoencoderOutput::target));
        }
        if (loss.get("l1") > 0) {
            b.add("l1", loss.get("l1"), Reconstruction.l1(AutoencoderOutput::reconstruction, AutoencoderOutput::target));
        }
        if (loss.get("bce") > 0) {
            b.add("bce", loss.get("bce"), Reconstruction.bce(AutoencoderOutput::reconstruction, AutoencoderOutput::target));
        }
        if (loss.get("perceptual") > 0) {
            b.add("perceptual", loss.get("perceptual"), Perceptual.of(perceptual, AutoencoderOutput::reconstruction, AutoencoderOutput::target));
        }
        AutoencoderConfig.Conditions k = c.conditions();
        model.addOwnTerms(b, new AutoencoderModel.OwnTermWeights(k.kl(), k.klWarmupSteps(), k.commitment()));
        if (k.sparsity() > 0) {
            b.add("sparsity", k.sparsity(), Sparsity.l1(AutoencoderOutput::z));
        }
        if (k.unitSphere() > 0) {
            b.add("unit_sphere", k.unitSphere(), UnitSphere.penalty(AutoencoderOutput::z));
        }
        if (k.integrity() > 0) {
            b.add("integrity", k.integrity(), Integrity.penalty(AutoencoderOutput::z));
        }
        if (k.algebraic() > 0) {
            var f = k.algebraicF() == AutoencoderConfig.AlgebraicF.CONSERVED_NORM ? AlgebraicCondition.conservedNorm(k.algebraicC())
                    : AlgebraicCondition.linear(ones(latentValues(model)), k.algebraicC());
            b.add("algebraic", k.algebraic(), AlgebraicCondition.of(f, AutoencoderOutput::z));
        }
        if (c.transformations().invariance() > 0) {
            b.add("invariance", c.transformations().invariance(), Invariance.of(model::representation,
                    o -> o.extra(AutoencoderOutput.Extras.Z_TRANSFORMED)));
        }
        return b.build();
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }

    /** Values per sample of the latent (D, or D h w for a matrix latent). */
    static int latentValues(AutoencoderModel model) {
        return Math.toIntExact(model.latentShape(1).size());
    }
}
