package org.repcon.autoencoders.features;

import org.repcon.DjlTestCase;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.nn.layers.Layer;
import org.repcon.constraints.loss.Perceptual;

class FrozenLayerFeaturesTest extends DjlTestCase {
    @Test
    void runsTheLayerInEvaluationModeAndTheLossByHand() {
        List<Boolean> modes = new ArrayList<>();
        Layer squares = (x, training) -> {
            modes.add(training);
            return x.square();
        };
        FeatureExtractor f = new FrozenLayerFeatures(squares);
        NDArray p = array(new double[] {1, 2, 3, 0}, 1, 1, 2, 2);
        NDArray t = array(new double[] {1, 1, 1, 1}, 1, 1, 2, 2);
        // features 1, 4, 9, 0 vs 1, 1, 1, 1: mean of 0, 9, 64, 1
        assertEquals(74.0 / 4, value(Perceptual.of(f, p, t)), 1e-12);
        assertEquals(List.of(false, false), modes);
        // d/dp mean (p^2 - t^2)^2 = 4 p (p^2 - t^2) / N
        assertArrayEquals(new double[] {0, 6, 24, 0}, gradient(p, x -> Perceptual.of(f, x, t)), 1e-12);
    }

    @Test
    void needsALayer() {
        assertThrows(IllegalArgumentException.class, () -> new FrozenLayerFeatures(null));
    }
}
