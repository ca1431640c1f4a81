package org.repcon.anomaly.transform;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.training.TrainingListener;

/**
 * The classifier learns which flip/rotation an asymmetric pattern (an L) went through, so its score is low on new Ls
 * and high on a pattern it never saw (a plus, the same under every transform: nothing to tell); the score is the
 * plain-loop {@code -(1/K) sum_k log softmax(logits_k)_k} of the logits.
 */
class TransformClassifierTest {
    private static final int S = 12;

    @BeforeAll
    static void engine() {
        Engines.start();
    }

    /** n noisy S x S images: an L (vertical bar at column 3, rows 2-9; foot at row 9, columns 3-8) or a centred plus. */
    static ImageSet shapes(int n, boolean plus, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[n * S * S];
        for (int i = 0; i < n; i++) {
            int oy = rng.nextInt(2);
            int ox = rng.nextInt(2);
            for (int y = 0; y < S; y++) {
                for (int x = 0; x < S; x++) {
                    boolean on = plus
                            ? (x >= 5 && x <= 6 && y >= 2 && y <= 9) || (y >= 5 && y <= 6 && x >= 2 && x <= 9)
                            : (x == 3 + ox && y >= 2 + oy && y <= 9 + oy) || (y == 9 + oy && x >= 3 + ox && x <= 8 + ox);
                    p[i * S * S + y * S + x] = (float) Math.min(1, (on ? 0.8 : 0.05) + 0.15 * rng.nextDouble());
                }
            }
        }
        return new ImageSet(plus ? "plus" : "L", 1, S, S, p, null, null);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void learnsTheRotationsOfAnAsymmetricPatternAndScoresAnUnseenPatternHigher() {
        GeometricTransforms t = GeometricTransforms.flipsAndRotations(S);
        long[] steps = {0};
        TrainingListener count = new TrainingListener() {
            @Override
            public void onStep(long step, String stage, double learningRate, org.repcon.objective.LossValues values, double wallSeconds) {
                steps[0]++;
            }
        };
        TransformClassifier.Settings settings = new TransformClassifier.Settings(4, 32, 3e-3, 4);
        try (TransformClassifier c = TransformClassifier.train(shapes(80, false, 1), t, settings, 7, count)) {
            assertEquals(TransformClassifier.steps(80, 8, settings), steps[0]);
            assertEquals(80, steps[0]); // 4 epochs of floor(640 / 32) steps
            double normal = mean(c.score(shapes(40, false, 2)));
            double other = mean(c.score(shapes(40, true, 3)));
            // chance is log 8 = 2.08; a plus looks the same under all 8 transforms, so its score is at least about that
            assertTrue(normal < 0.5, "mean score of new Ls " + normal);
            assertTrue(other > 1.5, "mean score of pluses " + other);
        }
    }

    @Test
    void theScoreIsTheMeanNegativeLogSoftmaxOfEachTransformsOwnLogit() {
        GeometricTransforms t = GeometricTransforms.geom(S, 3);
        try (TransformClassifier c = TransformClassifier.train(shapes(20, false, 4), t, new TransformClassifier.Settings(0.2, 16, 1e-3, 2), 5, null)) {
            ImageSet x = shapes(11, true, 6); // 11 images: the 8 per scoring batch do not divide them
            double[] score = c.score(x);
            double[][][] logits = c.logits(x);
            for (int i = 0; i < x.size(); i++) {
                double sum = 0;
                for (int k = 0; k < 72; k++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double l : logits[i][k]) {
                        max = Math.max(max, l);
                    }
                    double z = 0;
                    for (double l : logits[i][k]) {
                        z += Math.exp(l - max);
                    }
                    sum -= logits[i][k][k] - max - Math.log(z);
                }
                assertEquals(sum / 72, score[i], 1e-5 * Math.max(1, Math.abs(score[i])), "image " + i);
            }
        }
    }

    @Test
    void theCheckpointWithTheHighestCriterionIsRestored() {
        GeometricTransforms t = GeometricTransforms.flipsAndRotations(S);
        ImageSet train = shapes(40, false, 8);
        ImageSet probe = shapes(6, true, 9);
        TransformClassifier.Settings full = new TransformClassifier.Settings(3, 16, 3e-3, 2); // 20 steps per epoch, 60 in all
        double[] early;
        try (TransformClassifier c = TransformClassifier.train(train, t, new TransformClassifier.Settings(1, 16, 3e-3, 2), 11, null)) {
            early = c.score(probe);
        }
        double[] last;
        try (TransformClassifier c = TransformClassifier.train(train, t, full, 11, null)) {
            last = c.score(probe);
        }
        // a criterion that prefers the state after epoch 1 (step 20) of the checkpoints 0.5, 1, 2 and the end (3)
        long[] calls = {0};
        TransformClassifier.Checkpoints prefersEpoch1 = new TransformClassifier.Checkpoints(List.of(0.5, 1.0, 2.0, 7.0),
                c -> ++calls[0] == 2 ? 1.0 : 0.0);
        try (TransformClassifier c = TransformClassifier.train(train, t, full, 11, null, null, prefersEpoch1)) {
            assertEquals(4, calls[0]); // 0.5, 1, 2, and the end (7 lies beyond it)
            assertEquals(List.of(0.5, 1.0, 2.0, 3.0), List.copyOf(c.checkpointCurve().keySet()));
            assertEquals(1.0, c.chosenEpochs());
            assertArrayEquals(early, c.score(probe), 1e-6); // the very state of a 1-epoch training, batch-norm statistics included
            assertTrue(Math.abs(early[0] - last[0]) > 1e-3, "the states differ: " + early[0] + " vs " + last[0]);
        }
        try (TransformClassifier c = TransformClassifier.train(train, t, full, 11, null, null,
                new TransformClassifier.Checkpoints(List.of(1.0), x -> 0.5))) {
            assertEquals(1.0, c.chosenEpochs()); // a tie keeps the earliest
        }
    }
}
