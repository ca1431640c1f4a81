package org.repcon.autoencoders.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.data.DataException;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageFolder;
import org.repcon.data.ImageResize;
import org.repcon.data.ImageSet;
import org.repcon.experiment.TrainedRun;
import org.repcon.nn.Parameters;

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
    private static final TrainedRun.Family<AutoencoderConfig, AutoencoderModel> FAMILY = new TrainedRun.Family<>("autoencoder",
            "an autoencoder", AutoencoderConfig::read, c -> c.training().dtype(), (c, seed, parameters) -> {
                int[] shape = imageShape(c);
                return ModelFactory.build(c.model(), shape[0], shape[1], shape[2], seed, parameters);
            });

    private final TrainedRun<AutoencoderConfig, AutoencoderModel> run;
    private final int channels;
    private final int height;
    private final int width;

    private TrainedAutoencoder(TrainedRun<AutoencoderConfig, AutoencoderModel> run) {
        this.run = run;
        int[] shape = imageShape(run.config());
        this.channels = shape[0];
        this.height = shape[1];
        this.width = shape[2];
    }

    /**
     * Loads the model of a completed {@code autoencoder} run.
     *
     * @throws IllegalArgumentException if {@code runDir} is not such a run or its model file is missing or corrupt
     */
    public static TrainedAutoencoder load(Path runDir) {
        return new TrainedAutoencoder(FAMILY.load(runDir));
    }

    private static int[] imageShape(AutoencoderConfig c) {
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
            float[] pixels = new float[idx.pixels().length];
            for (int k = 0; k < pixels.length; k++) {
                pixels[k] = (idx.pixels()[k] & 0xFF) / 255f;
            }
            // the images as the channels of one image: each channel is resized on its own
            float[] out = idx.count() == 0 ? pixels : ImageResize.resize(pixels, idx.count(), idx.height(), idx.width(), height, width);
            return new ImageSet(input.toString(), 1, height, width, out, null, null);
        }
        return ImageFolder.load(input, channels, height, width);
    }

    /** Latents of {@code images}, one row per image. */
    public double[][] encode(ImageSet images) {
        requireShape(images);
        return Encodings.of(model(), images, parameters().dataType(), 256, false, run.manager()).z();
    }

    /** Reconstructions of {@code images} (encode, then decode). */
    public ImageSet reconstruct(ImageSet images) {
        requireShape(images);
        float[] rec = Encodings.of(model(), images, parameters().dataType(), 256, true, run.manager()).reconstructions();
        return new ImageSet("reconstructions of " + images.name(), channels, height, width, rec, images.labels(), images.names());
    }

    /** Images decoded from latents (rows of {@link #latentSize()} values). */
    public ImageSet decode(double[][] latents) {
        float[] pixels = Encodings.decode(model(), latents, parameters().dataType(), 256, run.manager());
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
        return Math.toIntExact(model().latentShape(1).size());
    }

    public AutoencoderConfig config() {
        return run.config();
    }

    public AutoencoderModel model() {
        return run.model();
    }

    public Parameters parameters() {
        return run.parameters();
    }

    /** The run the model came from: its seed, resolved spec and provenance. */
    public TrainedRun<AutoencoderConfig, AutoencoderModel> run() {
        return run;
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
        run.close();
    }
}
