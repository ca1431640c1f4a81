package org.repcon.autoencoders.experiment;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.data.DataException;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageResize;
import org.repcon.data.ImageSet;
import org.repcon.engine.Engines;
import org.repcon.experiment.RunDirectory;
import org.repcon.experiment.RunSettings;
import org.repcon.io.ModelFile;
import org.repcon.nn.Parameters;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecLoader;

/**
 * A trained autoencoder loaded from its run directory (the resolved {@code spec.yaml} rebuilds the model,
 * {@code model.bin} holds its arrays), for use from Java code:
 * <pre>{@code
 * try (TrainedAutoencoder ae = TrainedAutoencoder.load(Path.of("runs/autoencoder-20261129-190000"))) {
 *     ImageSet images = ae.readImages(Path.of("my-images"));   // resized to the model's size
 *     double[][] z = ae.encode(images);                         // one row of latent values per image
 *     ImageSet decoded = ae.decode(z);
 * }
 * }</pre>
 * Encoding is deterministic: the AE's z (after any projection), the VAE's posterior mean, the VQ-VAE's
 * quantised code vectors; matrix latents are flattened row-major.
 */
public final class TrainedAutoencoder implements AutoCloseable {
    private final AutoencoderConfig config;
    private final NDManager manager;
    private final Parameters parameters;
    private final AutoencoderModel model;
    private final int channels;
    private final int height;
    private final int width;

    private TrainedAutoencoder(AutoencoderConfig config, NDManager manager, Parameters parameters, AutoencoderModel model,
            int channels, int height, int width) {
        this.config = config;
        this.manager = manager;
        this.parameters = parameters;
        this.model = model;
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * Loads the model of a completed {@code autoencoder} run.
     *
     * @throws IllegalArgumentException if {@code runDir} is not such a run or its model file is missing or corrupt
     */
    public static TrainedAutoencoder load(Path runDir) {
        RunDirectory run = new RunDirectory(runDir);
        if (!Files.isRegularFile(run.spec())) {
            throw new IllegalArgumentException(runDir + " is not a repcon run directory (no spec.yaml)");
        }
        Spec spec = SpecLoader.load(run.spec());
        String experiment = spec.getString("experiment");
        if (!experiment.equals("autoencoder")) {
            throw new IllegalArgumentException(runDir + " is a run of '" + experiment + "', not of an autoencoder"
                    + (experiment.equals("ae-suite") ? " (a suite: pass one of its runs/<variant> directories)" : ""));
        }
        long seed = RunSettings.seed(spec);
        spec.ignore("threads", "description");
        AutoencoderConfig config = AutoencoderConfig.read(spec);
        Path file = run.file(AutoencoderExperiment.MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(runDir + " has no " + AutoencoderExperiment.MODEL_FILE
                    + ": the run did not finish training (resume it with 'repcon resume " + runDir + "')");
        }
        int[] shape = imageShape(config, runDir);
        Engines.start();
        NDManager manager = NDManager.newBaseManager();
        try {
            Parameters parameters = new Parameters(manager, config.training().dtype());
            AutoencoderModel model = ModelFactory.build(config.model(), shape[0], shape[1], shape[2], seed, parameters);
            ModelFile.load(file, parameters);
            return new TrainedAutoencoder(config, manager, parameters, model, shape[0], shape[1], shape[2]);
        } catch (IOException e) { // ModelFile's messages name the file and the problem
            manager.close();
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw new IllegalArgumentException(file + " could not be read as this run's model: " + e.getMessage(), e);
        }
    }

    private static int[] imageShape(AutoencoderConfig c, Path runDir) {
        if (c.data().source().equals("fashion-mnist")) {
            return new int[] {1, 28, 28};
        }
        return new int[] {c.data().channels(), c.data().height(), c.data().width()};
    }

    /**
     * Reads images for this model: a folder of PNG/JPEG files or one image file (resized to the model's size and
     * channel count), or an IDX image file (gzip or not; resized if its size differs).
     */
    public ImageSet readImages(Path input) throws IOException {
        if (Files.isRegularFile(input) && !ImageFolder.isImageFile(input)) {
            IdxFile.Images idx = IdxFile.readImages(input);
            if (channels != 1) {
                throw new DataException(input + " is a grayscale IDX file but the model takes " + channels + "-channel images");
            }
            int n = idx.count();
            int per = idx.height() * idx.width();
            float[] out = new float[n * height * width];
            for (int i = 0; i < n; i++) {
                float[] one = new float[per];
                for (int k = 0; k < per; k++) {
                    one[k] = (idx.pixels()[i * per + k] & 0xFF) / 255f;
                }
                float[] r = idx.height() == height && idx.width() == width ? one : ImageResize.resize(one, 1, idx.height(), idx.width(), height, width);
                System.arraycopy(r, 0, out, i * height * width, height * width);
            }
            return new ImageSet(input.toString(), 1, height, width, out, null, null);
        }
        return ImageFolder.load(input, channels, height, width);
    }

    /** Latents of {@code images}, one row per image. */
    public double[][] encode(ImageSet images) {
        requireShape(images);
        return Encodings.of(model, images, parameters.dataType(), 256, false, manager).z();
    }

    /** Reconstructions of {@code images} (encode, then decode). */
    public ImageSet reconstruct(ImageSet images) {
        requireShape(images);
        float[] rec = Encodings.of(model, images, parameters.dataType(), 256, true, manager).reconstructions();
        return new ImageSet("reconstructions of " + images.name(), channels, height, width, rec, images.labels(), images.names());
    }

    /** Images decoded from latents (rows of {@link #latentSize()} values). */
    public ImageSet decode(double[][] latents) {
        float[] pixels = Encodings.decode(model, latents, parameters.dataType(), 256, manager);
        return new ImageSet("decoded", channels, height, width, pixels, null, null);
    }

    private void requireShape(ImageSet images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new IllegalArgumentException("the model takes " + channels + "x" + height + "x" + width + " images, got "
                    + images.channels() + "x" + images.height() + "x" + images.width() + " (readImages resizes)");
        }
    }

    /** Values per latent row. */
    public int latentSize() {
        return Math.toIntExact(model.latentShape(1).size());
    }

    public AutoencoderConfig config() {
        return config;
    }

    public AutoencoderModel model() {
        return model;
    }

    public Parameters parameters() {
        return parameters;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    @Override
    public void close() {
        manager.close();
    }
}
