package org.repcon.diffusion;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.experiment.Diffusion2dConfig;
import org.repcon.diffusion.experiment.DiffusionConfig;
import org.repcon.diffusion.experiment.DiffusionExperiment;
import org.repcon.diffusion.experiment.NoiseModelFactory;
import org.repcon.diffusion.process.NoiseDraws;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.diffusion.sampling.Samples;
import org.repcon.experiment.RunDirectory;
import org.repcon.experiment.TrainedRun;
import org.repcon.spec.SpecLoader;
import org.repcon.training.progress.TaskProgress;

/**
 * A trained diffusion model loaded from its run directory ({@code diffusion}: the U-Net; {@code diffusion-2d}: one
 * dataset's MLP), with the EMA weights the run saved, for use from Java code:
 * <pre>{@code
 * try (TrainedDiffusion d = TrainedDiffusion.load(Path.of("runs/diffusion-20261207-093000"))) {
 *     ImageSet samples = d.sample(64, SamplerKind.DDIM, 50, 1);        // pixels in [0, 1]
 *     ImageSet clean = d.denoise(noisyImages, 0.2, 1);
 *     double[] bpd = d.bitsPerDim(images);                             // variational bound, all T terms
 *     double[][] errors = d.denoisingErrors(images, new double[] {0.1, 0.2, 0.4}, 1);
 * }
 * }</pre>
 * The model is rebuilt by {@link NoiseModelFactory} from the run's resolved spec, as the experiment built it. Images
 * are {@link ImageSet}s of [0, 1] pixels of the model's shape (1x28x28 for Fashion-MNIST; see
 * {@link #requireShape}); internally the model works on {@code 2 p - 1}. Vector models ({@code diffusion-2d}) offer
 * {@link #samplePoints} only.
 */
public final class TrainedDiffusion implements AutoCloseable {
    private final TrainedRun<?, NoiseModel> run;
    private final DiffusionModel model;
    private final boolean images;
    private final SamplerKind denoiser;
    private final int denoiserSteps;

    private TrainedDiffusion(TrainedRun<?, NoiseModel> run, DiffusionModel model, boolean images, SamplerKind denoiser, int denoiserSteps) {
        this.run = run;
        this.model = model;
        this.images = images;
        this.denoiser = denoiser;
        this.denoiserSteps = denoiserSteps;
    }

    /**
     * Loads a completed {@code diffusion} run, or the first dataset's model of a {@code diffusion-2d} run.
     *
     * @throws IllegalArgumentException if {@code runDir} is not such a run or its model file is missing or corrupt
     */
    public static TrainedDiffusion load(Path runDir) {
        RunDirectory dir = new RunDirectory(runDir);
        if (java.nio.file.Files.isRegularFile(dir.spec()) && "diffusion-2d".equals(SpecLoader.load(dir.spec()).rawTree().get("experiment"))) {
            Object datasets = ((java.util.Map<?, ?>) SpecLoader.load(dir.spec()).rawTree().getOrDefault("data", java.util.Map.of())).get("datasets");
            String first = datasets instanceof List<?> l && !l.isEmpty() ? l.get(0).toString() : "moons";
            return load(runDir, first);
        }
        TrainedRun<DiffusionConfig, NoiseModel> run = NoiseModelFactory.PIXEL.load(runDir);
        DiffusionConfig c = run.config();
        DiffusionModel m = new DiffusionModel(run.model(), NoiseModelFactory.process(c), c.variance(), new Shape(c.channels(), c.size(), c.size()),
                1.0, c.training().dtype(), c.chunk());
        return new TrainedDiffusion(run, m, true, c.denoiser(), c.ddimSteps());
    }

    /**
     * Loads the model of one dataset of a {@code diffusion-2d} run ({@code model-<dataset>.bin}).
     *
     * @throws IllegalArgumentException if {@code runDir} is not such a run or has no model for {@code dataset}
     */
    public static TrainedDiffusion load(Path runDir, String dataset) {
        TrainedRun<Diffusion2dConfig, NoiseModel> run = NoiseModelFactory.TOY.load(runDir, "model-" + dataset + ".bin");
        Diffusion2dConfig c = run.config();
        SamplerKind sampler = SamplerKind.valueOf(c.sampler().name());
        DiffusionModel m = new DiffusionModel(run.model(), NoiseModelFactory.process(c), c.variance(), new Shape(2), 0, c.training().dtype(),
                Math.max(1, c.samples()));
        return new TrainedDiffusion(run, m, false, sampler, c.ddimSteps());
    }

    /** The noise model with its process (values in the model's space, e.g. images in [-1, 1]). */
    public DiffusionModel model() {
        return model;
    }

    /** The run the model came from: its seed, resolved spec and provenance. */
    public TrainedRun<?, NoiseModel> run() {
        return run;
    }

    /** Whether the model generates images (a {@code diffusion} run) rather than vectors. */
    public boolean isImageModel() {
        return images;
    }

    /** Image channels, height and width ([C, H, W]); vector models: [D]. */
    public long[] sampleShape() {
        return model.shape().getShape();
    }

    /**
     * {@code n} images generated from noise, pixels in [0, 1].
     *
     * @param steps S of DDIM (ignored by DDPM, which takes all T)
     */
    public ImageSet sample(int n, SamplerKind sampler, int steps, long seed) {
        return sample(n, sampler, steps, seed, TaskProgress.NONE);
    }

    /** {@link #sample}, advancing {@code progress} by the images of each step ({@code model().sampleCost} in all). */
    public ImageSet sample(int n, SamplerKind sampler, int steps, long seed, TaskProgress progress) {
        requireImages("sample");
        Samples s = model.sample(run.manager(), n, sampler, steps, seed, 0, progress);
        long[] shape = sampleShape();
        return ImageScale.toImages("samples (" + sampler.name().toLowerCase(java.util.Locale.ROOT) + ", seed " + seed + ")", s.values(),
                (int) shape[0], (int) shape[1], (int) shape[2]);
    }

    /** {@code n} samples in the model's data space, one row each (any model). */
    public double[][] samplePoints(int n, SamplerKind sampler, int steps, long seed) {
        return model.sample(run.manager(), n, sampler, steps, seed, 0).rows();
    }

    /**
     * De-noised {@code images}: each is taken as y = x_0 + sigma n (sigma in the units of the model's [-1, 1] data,
     * i.e. sigma / 2 on the [0, 1] pixel scale) and run back from the matching timestep with the run's de-noising
     * sampler ({@code evaluation.denoiser}); pixels in [0, 1].
     */
    public ImageSet denoise(ImageSet noisy, double sigma, long seed) {
        requireShape(noisy);
        double[] y = toModel(noisy);
        int n = noisy.size();
        double[] out = new double[y.length];
        org.repcon.diffusion.sampling.Denoiser d = new org.repcon.diffusion.sampling.Denoiser(model.diffusion().schedule(),
                denoiser.build(model.diffusion(), model.variance(), denoiserSteps, model.clip(), model.type()));
        for (int from = 0, k = 0; from < n; from += model.chunk(), k++) {
            int m = Math.min(model.chunk(), n - from);
            double[] part = java.util.Arrays.copyOfRange(y, from * model.size(), (from + m) * model.size());
            long[] shape = sampleShape();
            Samples s = d.denoise(model.model(), run.manager(), part, new Shape(m, shape[0], shape[1], shape[2]), sigma, NoiseDraws.mix(seed, k), 0);
            System.arraycopy(s.values(), 0, out, from * model.size(), s.values().length);
        }
        long[] shape = sampleShape();
        return ImageScale.toImages("de-noised " + noisy.name(), out, (int) shape[0], (int) shape[1], (int) shape[2]);
    }

    /**
     * The variational bound in bits per dimension of each image (pixels quantised to 8 bits, all T terms), with the
     * run's random draws: the run's {@code test_bits_per_dim} is the mean of this over its first
     * {@code likelihood_images} test images.
     */
    public double[] bitsPerDim(ImageSet images) {
        return bitsPerDim(images, TaskProgress.NONE);
    }

    /** {@link #bitsPerDim}, advancing {@code progress} by the images of each of the T timesteps. */
    public double[] bitsPerDim(ImageSet images, TaskProgress progress) {
        requireShape(images);
        return model.bitsPerDim(run.manager(), ImageScale.toGrid(images.pixels()), NoiseDraws.mix(run.seed(), DiffusionExperiment.BOUND_TAG),
                progress);
    }

    /** The model evaluations (of one image each) of {@link #bitsPerDim} on {@code n} images: n T. */
    public long bitsPerDimCost(int n) {
        return (long) n * model.diffusion().steps();
    }

    /** The model evaluations (of one image each) of {@link #denoisingErrors} on {@code n} images. */
    public long denoisingCost(int n, double[] sigmas) {
        return model.denoiseCost(n, java.util.Arrays.stream(sigmas).boxed().toList(), denoiser, denoiserSteps);
    }

    /**
     * De-noising errors: for each image and each sigma, the mean squared difference (in [-1, 1] units) between the
     * image and the model's de-noised copy of it plus Gaussian noise of that sigma (noise and reverse process drawn
     * from {@code seed}); [N][sigmas]. PSNR in dB = 10 log10(4 / error).
     */
    public double[][] denoisingErrors(ImageSet images, double[] sigmas, long seed) {
        return denoisingErrors(images, sigmas, seed, TaskProgress.NONE);
    }

    /** {@link #denoisingErrors}, advancing {@code progress} by the images of each step ({@link #denoisingCost} in all). */
    public double[][] denoisingErrors(ImageSet images, double[] sigmas, long seed, TaskProgress progress) {
        requireShape(images);
        if (sigmas.length == 0) {
            throw new IllegalArgumentException("give at least one sigma");
        }
        double[] x0 = toModel(images);
        List<Double> levels = java.util.Arrays.stream(sigmas).boxed().toList();
        List<DiffusionModel.Denoised> all = model.denoise(run.manager(), x0, levels, denoiser, denoiserSteps, seed, progress);
        double[][] out = new double[images.size()][sigmas.length];
        for (int j = 0; j < sigmas.length; j++) {
            double[] mse = ImageScale.mse(x0, all.get(j).denoised(), model.size());
            for (int i = 0; i < mse.length; i++) {
                out[i][j] = mse[i];
            }
        }
        return out;
    }

    /** The seed the run de-noised its test images with: {@code denoisingErrors(test, sigmas, runDenoiseSeed())} repeats it. */
    public long runDenoiseSeed() {
        return NoiseDraws.mix(run.seed(), DiffusionExperiment.DENOISE_TAG);
    }

    /**
     * Checks that {@code images} have the model's channels and size.
     *
     * @throws IllegalArgumentException naming both shapes
     */
    public void requireShape(ImageSet images) {
        requireImages("take images");
        long[] s = sampleShape();
        if (images.channels() != s[0] || images.height() != s[1] || images.width() != s[2]) {
            throw new IllegalArgumentException("the model takes " + s[0] + "x" + s[1] + "x" + s[2] + " images (channels x height x width), got "
                    + images.channels() + "x" + images.height() + "x" + images.width());
        }
        if (images.size() == 0) {
            throw new IllegalArgumentException("no images given");
        }
    }

    private void requireImages(String what) {
        if (!images) {
            throw new IllegalStateException("this is a vector model (" + run.spec().getString("experiment") + "): it cannot " + what
                    + "; use samplePoints or model()");
        }
    }

    private static double[] toModel(ImageSet images) {
        float[] x = ImageScale.toModel(images.pixels());
        double[] d = new double[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Override
    public void close() {
        run.close();
    }
}
