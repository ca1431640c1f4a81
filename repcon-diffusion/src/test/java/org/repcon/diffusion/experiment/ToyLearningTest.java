package org.repcon.diffusion.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.repcon.data.MiniBatches;
import org.repcon.diffusion.model.MlpNoiseModel;
import org.repcon.diffusion.process.DiffusionOutput;
import org.repcon.diffusion.process.EpsilonLoss;
import org.repcon.diffusion.process.EpsilonTraining;
import org.repcon.diffusion.process.GaussianDiffusion;
import org.repcon.diffusion.sampling.DdpmSampler;
import org.repcon.diffusion.schedule.NoiseSchedule;
import org.repcon.diffusion.toy.GaussianFit;
import org.repcon.diffusion.toy.ToyData;
import org.repcon.diffusion.toy.ToyDistribution;
import org.repcon.engine.Engines;
import org.repcon.nn.Parameters;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.GradientClipping;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingStage;

/**
 * The toy learns: a small MLP noise model (64 wide, 2 blocks, Fourier features) trained for 1,500 steps on 2,000 moons
 * points (T = 200) gives DDPM samples that are closer to held-out points than samples of a Gaussian fit, in the
 * sliced Wasserstein distance (500 samples each; measured 0.103 against 0.227, 7 s). Checked: with the model given t = 0
 * at every training step (the timestep not learned) this fails.
 */
class ToyLearningTest {
    @BeforeAll
    static void engine() {
        Engines.start(1);
    }

    @Test
    void samplesAreCloserToTheDataThanTheGaussianFit() {
        ToyData data = ToyData.generate(ToyDistribution.MOONS, 2000, 500, 500, 0.05, 1);
        GaussianDiffusion diffusion = new GaussianDiffusion(NoiseSchedule.linear(200));
        try (NDManager root = NDManager.newBaseManager(); Parameters p = new Parameters(root, DataType.FLOAT32)) {
            MlpNoiseModel model = MlpNoiseModel.builder().setDimensions(2).optHidden(64).optBlocks(2).optInputEmbedding(16, 25).optSeed(1)
                    .build(p);
            double[] train = Diffusion2dExperiment.flatten(data.train());
            MiniBatches batches = new MiniBatches(2000, 128, 1, true);
            EpsilonTraining training = new EpsilonTraining(diffusion, model, 1);
            Objective<DiffusionOutput> objective = EpsilonLoss.addTo(Objective.builder(), 1.0, 0, 200).build();
            Trainer.<DiffusionOutput>builder().setParameters(p).setObjective(objective)
                    .setModel(s -> training.forward(Diffusion2dExperiment.batch(s.manager(), train, batches.indices(s.step()), DataType.FLOAT32),
                            s.step()))
                    .addStage(new TrainingStage("adam", 1500, s -> Adam.builder().setParameters(p).optLearningRate(2e-3).build()))
                    .addListener(new GradientClipping(p, 1.0)).build().fit();
            double[][] samples = DdpmSampler.builder().setDiffusion(diffusion).build().sample(model, root, new Shape(500, 2), 2, 0).rows();
            ToyEvaluation evaluation = ToyEvaluation.of(data.validation(), data.test(), 200, 3);
            double model2 = evaluation.distances(samples).slicedWasserstein();
            double gaussian = evaluation.distances(GaussianFit.fit(data.train()).sample(500, 4)).slicedWasserstein();
            String what = "sliced Wasserstein to the test points: model " + model2 + ", Gaussian fit " + gaussian;
            System.out.println(what);
            assertTrue(model2 < 0.6 * gaussian, what);
        }
    }
}
