package org.repcon.autoencoders.experiment;

import java.util.Map;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.autoencoders.features.FeatureExtractor;
import org.repcon.constraints.loss.Perceptual;
import org.repcon.constraints.loss.Reconstruction;
import org.repcon.objective.Objective;
import org.repcon.transformations.latent.Invariance;

/**
 * The objective an autoencoder config describes: the weighted reconstruction losses, the model's own terms
 * ({@link AutoencoderModel#addOwnTerms}: VAE: KL; VQ-VAE: codebook and commitment), the conditions of
 * {@link ConditionRegistry} and the invariance term, each named as in the spec so metrics.csv has one column per
 * term.
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
        for (ConditionRegistry.Row row : ConditionRegistry.rows()) {
            double w = k.weight(row.name());
            if (w > 0) {
                b.add(row.name(), w, row.factory().create(k, model));
            }
        }
        if (c.transformations().invariance() > 0) {
            b.add("invariance", c.transformations().invariance(), Invariance.of(model::representation,
                    o -> o.extra(AutoencoderOutput.Extras.Z_TRANSFORMED)));
        }
        return b.build();
    }

    /** Values per sample of the latent (D, or D h w for a matrix latent). */
    static int latentValues(AutoencoderModel model) {
        return Math.toIntExact(model.latentShape(1).size());
    }
}
