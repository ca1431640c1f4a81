package org.repcon.diffusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.data.MiniBatches;
import org.repcon.diffusion.process.DiffusionOutput;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.EpsilonTraining;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.process.ModelVariance;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.engine.Engines;
import org.repcon.nn.Parameters;
import org.repcon.nn.Scalars;
import org.repcon.nn.unet.UNet;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.GradientClipping;
import org.repcon.objective.LossValues;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingListener;
import org.repcon.training.TrainingStage;

/**
 * The pixel-space model learns: a small U-Net (base 16, 8 -> 4, one block, no attention) trained for 400 steps on
 * 8x8 images of two kinds (a bright 4x4 square in the top-left or the bottom-right quadrant on a dark background, in
 * [-1, 1]) with T = 100: the loss falls, and DDPM samples lie much closer to the nearer of the two templates than
 * Gaussian noise and than samples of a per-pixel Gaussian fit of the data do (root mean square distance per pixel).
 */
class PixelLearningTest {
    private static final int SIZE = 8;

    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    static double[][] templates() {
        double[][] t = new double[2][SIZE * SIZE];
        for (int k = 0; k < 2; k++) {
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    boolean inside = k == 0 ? r < 4 && c < 4 : r >= 4 && c >= 4;
                    t[k][r * SIZE + c] = inside ? 1 : -1;
                }
            }
        }
        return t;
    }

    /** Root mean square per-pixel distance of each sample to the nearer template, averaged over the samples. */
    static double distanceToData(double[] samples) {
        double[][] t = templates();
        int per = SIZE * SIZE;
        int n = samples.length / per;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double best = Double.MAX_VALUE;
            for (double[] template : t) {
                double s = 0;
                for (int j = 0; j < per; j++) {
                    double d = samples[i * per + j] - template[j];
                    s += d * d;
                }
                best = Math.min(best, Math.sqrt(s / per));
            }
            sum += best;
        }
        return sum / n;
    }

    @Test
    void lossFallsAndSamplesAreCloseToTheData() {
        int n = 256;
        int per = SIZE * SIZE;
        float[] data = new float[n * per];
        double[][] t = templates();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < per; j++) {
                data[i * per + j] = (float) t[i % 2][j];
            }
        }
        GaussianDiffusion diffusion = new GaussianDiffusion(NoiseSchedule.linear(100));
        List<Double> losses = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            UNet unet = UNet.builder().setInputChannels(1).optBaseChannels(16).optChannelMultipliers(1, 2).optResidualBlocks(1)
                    .optAttention(false).optGroups(4).optSeed(3).build(p);
            NoiseModel model = unet::forward;
            MiniBatches batches = new MiniBatches(n, 32, 1, true);
            EpsilonTraining training = new EpsilonTraining(diffusion, model, 5);
            Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), 1.0, 0, 100).build();
            Trainer.<DiffusionOutput>builder().setParameters(p).setObjective(objective).setModel(s -> {
                int[] idx = batches.indices(s.step());
                float[] b = new float[idx.length * per];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(data, idx[i] * per, b, i * per, per);
                }
                return training.forward(Scalars.owned(s.manager().create(b, new Shape(idx.length, 1, SIZE, SIZE)), DataType.FLOAT32), s.step());
            }).addStage(new TrainingStage("adam", 400, s -> Adam.builder().setParameters(p).optLearningRate(2e-3).build()))
                    .addListener(new GradientClipping(p, 1.0)).addListener(new TrainingListener() {
                        @Override
                        public void onStep(long step, String stage, double lr, LossValues values, double wallSeconds) {
                            losses.add(values.term(EpsilonLoss.NAME));
                        }
                    }).build().fit();
            DiffusionModel dm = new DiffusionModel(model, diffusion, ModelVariance.FIXED_LARGE, new Shape(1, SIZE, SIZE), 1.0, DataType.FLOAT32, 64);
            double[] samples = dm.sample(root, 64, SamplerKind.DDPM, 0, 9, 0).values();
            java.util.SplittableRandom rng = new java.util.SplittableRandom(4);
            double[] noise = org.repcon.diffusion.process.NoiseDraws.gaussians(rng, samples.length);
            double[] fit = new double[samples.length]; // per-pixel Gaussian fit: mean and standard deviation of the data
            for (int i = 0; i < fit.length; i++) {
                int j = i % per;
                double mean = (t[0][j] + t[1][j]) / 2;
                double std = Math.abs(t[0][j] - t[1][j]) / 2;
                fit[i] = mean + std * rng.nextGaussian();
            }
            double first = losses.subList(0, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(losses.size() - 20, losses.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double model2 = distanceToData(samples);
            double noise2 = distanceToData(noise);
            double fit2 = distanceToData(fit);
            String what = String.format(java.util.Locale.ROOT, "eps_mse first 20 steps %.4f, last 20 %.4f; RMS distance to the nearer template: "
                    + "samples %.4f, Gaussian noise %.4f, per-pixel Gaussian fit %.4f", first, last, model2, noise2, fit2);
            System.out.println(what);
            assertTrue(last < 0.5 * first, what);
            assertTrue(model2 < 0.25 * noise2 && model2 < 0.5 * fit2, what);
        }
    }
}
