package org.repcon.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.io.AtomicFiles;
import org.repcon.nn.Parameters;
import org.repcon.nn.conv.ConvEncoder;
import org.repcon.nn.layers.Dense;
import org.repcon.objective.ClassLogits;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.LearningRateSchedule;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingListener;
import org.repcon.training.TrainingStage;

/**
 * A small image classifier whose penultimate layer is a feature space for comparing image sets (the Frechet
 * distance of generated vs real images, {@link FrechetDistance}), as FID uses Inception's features for natural
 * images. Architecture: the reference conv encoder (conv 3x3 C-32 s2, ReLU, conv 3x3 32-64 s2, ReLU, flatten,
 * dense to F = 128), ReLU, dense F -> K classes; features are the F ReLU outputs. Trained with softmax
 * cross-entropy {@code -mean_i log softmax(logits_i)[y_i]}, Adam, minibatches, float32.
 *
 * <pre>{@code
 * try (FeatureClassifier c = FeatureClassifier.train(trainImages, 10, FeatureClassifier.Settings.DEFAULT, 7)) {
 *     double accuracy = c.accuracy(testImages);
 *     double fd = FrechetDistance.between(c.features(samples), c.features(testImages));
 * }
 * }</pre>
 */
public final class FeatureClassifier implements AutoCloseable {
    /** Feature size F. */
    public static final int FEATURES = 128;
    private static final int FORMAT = 1;
    private static final int EVAL_BATCH = 500;

    private final NDManager manager;
    private final Parameters parameters;
    private final ConvEncoder encoder;
    private final Dense head;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;

    /** Training settings: epochs over the images, minibatch size, Adam learning rate. */
    public record Settings(int epochs, int batchSize, double lr) {
        public static final Settings DEFAULT = new Settings(3, 128, 1e-3);
    }

    private FeatureClassifier(int channels, int height, int width, int classes, long seed) {
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.manager = NDManager.newBaseManager();
        this.parameters = new Parameters(manager, DataType.FLOAT32);
        this.encoder = ConvEncoder.builder().setImageShape(channels, height, width).setLatentSize(FEATURES)
                .optName("classifier.encoder").optSeed(seed).build(parameters);
        this.head = Dense.builder().setName("classifier.head").setUnits(FEATURES, classes).optSeed(seed + 1).build(parameters);
    }

    /** Trains a classifier of {@code classes} classes on labelled {@code images} (H, W divisible by 4). */
    public static FeatureClassifier train(ImageSet images, int classes, Settings settings, long seed) {
        return train(images, classes, settings, seed, null);
    }

    /** As {@link #train(ImageSet, int, Settings, long)}, reporting steps to {@code listener} (a progress bar). */
    public static FeatureClassifier train(ImageSet images, int classes, Settings settings, long seed, TrainingListener listener) {
        if (!images.hasLabels()) {
            throw new IllegalArgumentException("the classifier needs labelled images; " + images.name() + " has no labels");
        }
        for (int label : images.labels()) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " outside [0, " + classes + ") in " + images.name());
            }
        }
        FeatureClassifier c = new FeatureClassifier(images.channels(), images.height(), images.width(), classes, seed);
        MiniBatches batches = new MiniBatches(images.size(), Math.min(settings.batchSize(), images.size()), seed, true);
        long steps = (long) settings.epochs() * batches.batchesPerEpoch();
        Objective<ClassLogits> objective = Objective.<ClassLogits>builder().add("cross_entropy", 1.0, ClassLogits::crossEntropy).build();
        Trainer.Builder<ClassLogits> trainer = Trainer.<ClassLogits>builder().setParameters(c.parameters).setObjective(objective)
                .setModel(ctx -> {
                    int[] idx = batches.indices(ctx.step());
                    NDArray x = images.batch(ctx.manager(), idx, DataType.FLOAT32);
                    int[] labels = images.labels();
                    return new ClassLogits(c.logits(x, true), ClassLogits.oneHot(ctx.manager(),
                            java.util.Arrays.stream(idx).map(i -> labels[i]).toArray(), classes));
                })
                .addStage(new TrainingStage("adam", steps, start -> Adam.builder().setParameters(c.parameters)
                        .optLearningRate(LearningRateSchedule.constant(settings.lr())).optStepOffset(start).build()));
        if (listener != null) {
            trainer.addListener(listener);
        }
        try {
            trainer.build().fit();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private NDArray featuresOf(NDArray x, boolean training) {
        return encoder.forward(x, training).maximum(0f);
    }

    private NDArray logits(NDArray x, boolean training) {
        return head.forward(featuresOf(x, training), training);
    }

    private void checkShape(ImageSet images) {
        if (images.channels() != channels || images.height() != height || images.width() != width) {
            throw new IllegalArgumentException("the classifier takes " + channels + "x" + height + "x" + width
                    + " images; " + images.name() + " has " + images.channels() + "x" + images.height() + "x" + images.width());
        }
    }

    /** The F features of every image, {@code [n][F]}. */
    public double[][] features(ImageSet images) {
        checkShape(images);
        double[][] out = new double[images.size()][];
        for (int from = 0; from < images.size(); from += EVAL_BATCH) {
            int to = Math.min(images.size(), from + EVAL_BATCH);
            try (NDScope scope = new NDScope(); NDManager m = parameters.manager().newSubManager()) {
                double[] f = featuresOf(images.batch(m, from, to, DataType.FLOAT32), false).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = from; i < to; i++) {
                    out[i] = java.util.Arrays.copyOfRange(f, (i - from) * FEATURES, (i - from + 1) * FEATURES);
                }
            }
        }
        return out;
    }

    /** The predicted class of every image. */
    public int[] predict(ImageSet images) {
        checkShape(images);
        int[] out = new int[images.size()];
        for (int from = 0; from < images.size(); from += EVAL_BATCH) {
            int to = Math.min(images.size(), from + EVAL_BATCH);
            try (NDScope scope = new NDScope(); NDManager m = parameters.manager().newSubManager()) {
                long[] arg = logits(images.batch(m, from, to, DataType.FLOAT32), false).argMax(1).toLongArray();
                for (int i = from; i < to; i++) {
                    out[i] = (int) arg[i - from];
                }
            }
        }
        return out;
    }

    /** Share of labelled {@code images} classified correctly. */
    public double accuracy(ImageSet images) {
        if (!images.hasLabels()) {
            throw new IllegalArgumentException(images.name() + " has no labels");
        }
        int[] p = predict(images);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += p[i] == images.labels()[i] ? 1 : 0;
        }
        return (double) right / p.length;
    }

    /**
     * The classifier trained on {@code images} with these settings and seed, from {@code cacheDir} if one was trained
     * before on exactly the same images and labels (the file name holds a hash of them and of the settings), trained and
     * saved there otherwise. Runs that compare Frechet distances thus share one feature space. Default cache folder:
     * {@link #defaultCache()}.
     */
    public static FeatureClassifier cached(Path cacheDir, ImageSet images, int classes, Settings settings, long seed,
            TrainingListener listener) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * images.pixels().length);
        b.asFloatBuffer().put(images.pixels());
        crc.update(b);
        java.nio.ByteBuffer l = java.nio.ByteBuffer.allocate(4 * images.labels().length);
        l.asIntBuffer().put(images.labels());
        crc.update(l);
        String key = String.format(java.util.Locale.ROOT, "%08x-%dx%dx%dx%d-k%d-%s-s%d", crc.getValue(), images.size(),
                images.channels(), images.height(), images.width(), classes, settings.toString().replaceAll("[^0-9a-zA-Z.=]+", "_"), seed);
        Path file = cacheDir.resolve("classifier-" + key + ".bin");
        if (Files.isRegularFile(file)) {
            try {
                return load(file);
            } catch (IOException e) {
                // a damaged cache entry is trained again and replaced
            }
        }
        FeatureClassifier c = train(images, classes, settings, seed, listener);
        c.save(file);
        return c;
    }

    /** {@code $REPCON_CACHE}, else {@code ~/.cache/repcon}. */
    public static Path defaultCache() {
        String env = System.getenv("REPCON_CACHE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "repcon");
    }

    /** Writes the classifier (shape, classes, parameters) atomically. */
    public void save(Path file) throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(stream);
            out.writeInt(FORMAT);
            out.writeInt(channels);
            out.writeInt(height);
            out.writeInt(width);
            out.writeInt(classes);
            parameters.write(out);
            out.flush();
        });
    }

    /** Reads a classifier written by {@link #save}. */
    public static FeatureClassifier load(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new IOException(file + " is not a repcon feature classifier (format " + format + ")");
            }
            FeatureClassifier c = new FeatureClassifier(in.readInt(), in.readInt(), in.readInt(), in.readInt(), 0);
            try {
                c.parameters.read(in);
            } catch (IOException | RuntimeException e) {
                c.close();
                throw new IOException(file + " is corrupt: " + e.getMessage(), e);
            }
            return c;
        }
    }

    @Override
    public void close() {
        parameters.close();
        manager.close();
    }
}
