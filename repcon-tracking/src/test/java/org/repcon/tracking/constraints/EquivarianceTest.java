package org.repcon.tracking.constraints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.spec.Spec;
import org.repcon.tracking.experiment.TrackerConfig;
import org.repcon.transformations.image.AffineTransform;

/** The on/off decision, made once from the config's transformations, and xi drawn from (seed, step). */
class EquivarianceTest {
    private static Equivariance of(Map<String, Object> transformations) {
        return TrackerConfig.read(Spec.of(Map.of("transformations", transformations))).transformations().equivariance(7);
    }

    @Test
    void aTermIsOnOnlyWithAPositiveWeightAndATransformationFamilyOn() {
        Equivariance defaults = of(Map.of());
        assertTrue(defaults.latentOn(), "latent_equivariance 0.01 with rotation and translation on");
        assertFalse(defaults.decoderOn(), "decoder_equivariance defaults to 0");
        assertTrue(of(Map.of("decoder_equivariance", 0.5)).decoderOn());
        Equivariance plain = of(Map.of("rotation", false, "translation", false, "latent_equivariance", 1.0,
                "decoder_equivariance", 1.0));
        assertFalse(plain.latentOn(), "no family on: a plain autoencoder, whatever the weights");
        assertFalse(plain.decoderOn());
        for (AffineTransform xi : plain.sample(3, 4)) {
            assertArrayEquals(AffineTransform.compose().toArray(), xi.toArray(), 0);
        }
    }

    @Test
    void xiIsOnePerImageDrawnFromTheSeedAndStep() {
        Equivariance e = of(Map.of());
        AffineTransform[] a = e.sample(5, 3);
        assertEquals(3, a.length);
        for (int n = 0; n < a.length; n++) {
            assertArrayEquals(a[n].toArray(), e.sample(5, 3)[n].toArray(), 0, "same (seed, step): same xi");
            assertEquals(1.0, a[n].determinant(), 1e-12, "rotation and translation keep areas");
        }
        assertNotEquals(a[0], a[1], "each image its own xi");
        assertNotEquals(a[0], e.sample(6, 3)[0], "each step its own xi");
    }
}
