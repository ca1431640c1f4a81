package org.repcon.constraints;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.autoencoders.AutoencoderOutput.Extras;
import org.repcon.conditions.AlgebraicCondition;
import org.repcon.conditions.Distribution;
import org.repcon.conditions.Integrity;
import org.repcon.conditions.Sparsity;
import org.repcon.conditions.UnitSphere;
import org.repcon.autoencoders.features.GaborBank;
import org.repcon.constraints.loss.Perceptual;
import org.repcon.constraints.loss.Reconstruction;
import org.repcon.objective.LossValues;
import org.repcon.objective.Objective;
import org.repcon.objective.WeightSchedule;
import org.repcon.transformations.latent.Invariance;

/** The terms of this module combined into one objective on an autoencoder's output, as a user writes it. */
class AutoencoderObjectiveTest extends DjlTestCase {

    private AutoencoderOutput output(NDArray z) {
        Random rng = new Random(4);
        NDArray x = array(uniform(rng, 2 * 8 * 8, 0, 1), 2, 1, 8, 8).toType(DataType.FLOAT32, false);
        NDArray recon = array(uniform(rng, 2 * 8 * 8, 0.05, 0.95), 2, 1, 8, 8).toType(DataType.FLOAT32, false);
        NDArray mu = array(uniform(rng, 8, -1, 1), 2, 4).toType(DataType.FLOAT32, false);
        NDArray logvar = array(uniform(rng, 8, -1, 1), 2, 4).toType(DataType.FLOAT32, false);
        NDArray zt = array(uniform(rng, 8, -1, 1), 2, 4).toType(DataType.FLOAT32, false);
        return new AutoencoderOutput(x, x, z, recon,
                Map.of(Extras.MU, mu, Extras.LOGVAR, logvar, Extras.Z_TRANSFORMED, zt));
    }

    private static Objective<AutoencoderOutput> objective() {
        return Objective.<AutoencoderOutput>builder()
                .add("bce", 1.0, Reconstruction.bce(AutoencoderOutput::reconstruction, AutoencoderOutput::target))
                .add("perceptual", 0.1,
                        Perceptual.of(new GaborBank(), AutoencoderOutput::reconstruction, AutoencoderOutput::target))
                .add("kl", WeightSchedule.linear(0, 1, 0, 1000),
                        Distribution.klToStandardNormal(o -> o.extra(Extras.MU), o -> o.extra(Extras.LOGVAR)))
                .add("sparsity", 1e-3, Sparsity.l1(AutoencoderOutput::z))
                .add("sphere", 0.1, UnitSphere.penalty(AutoencoderOutput::z))
                .add("integrity", 0.1, Integrity.penalty(AutoencoderOutput::z))
                .add("energy", 0.1, AlgebraicCondition.of(AlgebraicCondition.conservedNorm(1), AutoencoderOutput::z))
                .add("invariance", 1.0, Invariance.of(AutoencoderOutput::z, o -> o.extra(Extras.Z_TRANSFORMED)))
                .build();
    }

    @Test
    void eachTermIsLoggedWithItsOwnValueAndTheTotalIsDifferentiable() {
        NDArray z = array(uniform(new Random(5), 8, -1, 1), 2, 4).toType(DataType.FLOAT32, false);
        AutoencoderOutput o = output(z);
        LossValues v = objective().evaluate(o, 500).values();
        assertEquals(List.of("bce", "perceptual", "kl", "sparsity", "sphere", "integrity", "energy", "invariance"),
                List.copyOf(v.terms().keySet()));
        assertEquals(value(Reconstruction.bce(o.reconstruction(), o.target())), v.term("bce"), 1e-6);
        assertEquals(value(Sparsity.l1(z)), v.term("sparsity"), 1e-6);
        assertEquals(value(Invariance.of(z, o.extra(Extras.Z_TRANSFORMED))), v.term("invariance"), 1e-6);
        assertEquals(0.5, v.weights().get("kl"), 1e-12);
        double[] g = gradient(z, zz -> objective().evaluate(output(zz), 500).total());
        assertTrue(Arrays.stream(g).allMatch(Double::isFinite) && Arrays.stream(g).anyMatch(x -> x != 0),
                Arrays.toString(g));
    }
}
