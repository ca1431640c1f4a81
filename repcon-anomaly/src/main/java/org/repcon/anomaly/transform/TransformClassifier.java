package org.repcon.anomaly.transform;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.repcon.data.ImageSet;
import org.repcon.data.MiniBatches;
import org.repcon.nn.Parameters;
import org.repcon.nn.layers.ActivationLayer;
import org.repcon.nn.layers.BatchNorm;
import org.repcon.nn.layers.Conv2d;
import org.repcon.nn.layers.Dense;
import org.repcon.nn.layers.Flatten;
import org.repcon.nn.layers.Sequential;
import org.repcon.objective.ClassLogits;
import org.repcon.objective.Objective;
import org.repcon.optim.Adam;
import org.repcon.optim.LearningRateSchedule;
import org.repcon.training.Trainer;
import org.repcon.training.TrainingListener;
import org.repcon.training.TrainingStage;

/**
 * GEOM's transformation classifier (Golan and El-Yaniv 2018): a small CNN f that predicts which of the K
 * {@link GeometricTransforms} was applied to a normal image, and its anomaly score
 * <pre>
 *   transform_nll(x) = -(1 / K) sum_k log softmax(f(T_k x))_k
 * </pre>
 * (GEOM's simplified score; higher = more anomalous: on images unlike the training images the classifier is less sure
 * which transform it sees).
 *
 * <p>Architecture for {@code [B, C, S, S]} images (S divisible by 4), width w: conv 3x3 C-w stride 1, BN, ReLU;
 * conv 3x3 w-2w stride 2, BN, ReLU; conv 3x3 2w-4w stride 2, BN, ReLU; flatten; dense {@code 4w (S/4)^2 -> 128}, ReLU;
 * dense 128 -> K logits (no global pooling: where the content lies tells the translation). Training: softmax
 * cross-entropy {@code -mean_b log softmax(f(T_{k_b} x_{i_b}))_{k_b}} over minibatches of (image, transform) pairs drawn
 * without replacement from all N K pairs (an epoch sees every image under every transform once, in a seeded shuffled
 * order: {@link MiniBatches} over the pair index {@code i K + k}), Adam at a constant rate, float32. The number of
 * epochs may be fractional: {@code steps = max(1, round(epochs floor(N K / B)))}.
 *
 * <p>Checkpoint choice ({@link Checkpoints}): a long-trained classifier can become a worse anomaly detector while its
 * own held-out cross-entropy still falls (measured: normal class 0, validation AUROC of the Dirichlet score 0.957
 * after 0.15 epochs, 0.930 after 6); given a criterion, the state (parameters and batch-norm statistics) with the
 * highest criterion among the listed epochs is kept and restored at the end of training.
 *
 * <p>The NDArrays live in the classifier's own manager; every step and every scoring batch runs in a sub-manager
 * and {@link NDScope} that is closed after it. Close the classifier to free its parameters.
 */
public final class TransformClassifier implements AutoCloseable {
    /** Hidden features before the last dense layer. */
    public static final int FEATURES = 128;
    /** (image, transform) pairs per scoring batch. */
    private static final int EVAL_PAIRS = 576;

    private final NDManager manager;
    private final Parameters parameters;
    private final Sequential net;
    private final GeometricTransforms transforms;
    private final int channels;
    private final java.util.List<Double> trainingCurve = new java.util.ArrayList<>();
    private final java.util.List<Double> validationCurve = new java.util.ArrayList<>();
    private final java.util.Map<Double, Double> checkpointCurve = new java.util.LinkedHashMap<>();
    private double chosenEpochs = Double.NaN;

    /**
     * Which state of training to keep: {@code criterion} (higher is better, e.g. a validation AUROC; it may score images
     * with the classifier) is computed after the step that ends each of {@code epochs} (fractional epochs; those beyond
     * the training's end are dropped, and the end itself is always a checkpoint), and the state with the highest value
     * (the earliest on a tie) is restored when training ends.
     */
    public record Checkpoints(java.util.List<Double> epochs, java.util.function.ToDoubleFunction<TransformClassifier> criterion) {
        public Checkpoints {
            if (epochs.isEmpty() || epochs.stream().anyMatch(e -> !(e > 0))) {
                throw new IllegalArgumentException("checkpoint epochs must be positive, got " + epochs);
            }
            epochs = java.util.List.copyOf(epochs);
        }
    }

    /**
     * Training settings.
     *
     * @param epochs passes over all N K (image, transform) pairs (> 0, may be fractional)
     * @param batchSize pairs per step
     * @param lr Adam's learning rate
     * @param width w, the first convolution's channels (then 2w, 4w)
     */
    public record Settings(double epochs, int batchSize, double lr, int width) {
        public Settings {
            if (!(epochs > 0) || batchSize < 1 || !(lr > 0) || width < 1) {
                throw new IllegalArgumentException("transform classifier settings need epochs > 0, batch size >= 1, lr > 0 and "
                        + "width >= 1, got " + epochs + ", " + batchSize + ", " + lr + ", " + width);
            }
        }
    }

    private TransformClassifier(GeometricTransforms transforms, int channels, int width, long seed) {
        int side = transforms.side();
        if (side % 4 != 0) {
            throw new IllegalArgumentException("the transform classifier takes images whose side is divisible by 4, got " + side);
        }
        this.transforms = transforms;
        this.channels = channels;
        this.manager = NDManager.newBaseManager();
        this.parameters = new Parameters(manager, DataType.FLOAT32);
        java.util.Random rng = new java.util.Random(seed);
        int[] widths = {width, 2 * width, 4 * width};
        int[] strides = {1, 2, 2};
        Sequential.Builder b = Sequential.builder();
        int in = channels;
        for (int l = 0; l < widths.length; l++) {
            b.add(Conv2d.builder().setName("transform.conv" + l).setChannels(in, widths[l]).setKernel(3).optStride(strides[l])
                    .optPadding(1).optBias(false).optSeed(rng.nextLong()).build(parameters));
            b.add(BatchNorm.builder().setName("transform.norm" + l).setChannels(widths[l]).build(parameters));
            b.add(ActivationLayer.relu());
            in = widths[l];
        }
        int flat = in * (side / 4) * (side / 4);
        b.add(Flatten.create());
        b.add(Dense.builder().setName("transform.dense").setUnits(flat, FEATURES).optSeed(rng.nextLong()).build(parameters));
        b.add(ActivationLayer.relu());
        b.add(Dense.builder().setName("transform.head").setUnits(FEATURES, transforms.size()).optSeed(rng.nextLong()).build(parameters));
        this.net = b.build();
    }

    /** Optimiser steps {@link #train} takes for {@code images} images, K transforms and these settings. */
    public static long steps(int images, int transforms, Settings settings) {
        long pairs = (long) images * transforms;
        long perEpoch = pairs / Math.min(settings.batchSize(), pairs);
        return Math.max(1, Math.round(settings.epochs() * perEpoch));
    }

    /** As {@link #train(ImageSet, GeometricTransforms, Settings, long, ImageSet, TrainingListener)} without validation images. */
    public static TransformClassifier train(ImageSet images, GeometricTransforms transforms, Settings settings, long seed,
            TrainingListener listener) {
        return train(images, transforms, settings, seed, null, listener);
    }

    /**
     * Trains f on the (normal) {@code images}, which must be S x S for the transforms' S.
     *
     * @param validation held-out normal images whose mean score (the cross-entropy over all their N_v K pairs) is
     *     computed after every whole epoch and at the end ({@link #validationCurve}; not counted as training time by the
     *     trainer), or null
     * @param listener told about each step (a progress bar), or null
     */
    public static TransformClassifier train(ImageSet images, GeometricTransforms transforms, Settings settings, long seed,
            ImageSet validation, TrainingListener listener) {
        return train(images, transforms, settings, seed, validation, listener, null);
    }

    /**
     * As {@link #train(ImageSet, GeometricTransforms, Settings, long, ImageSet, TrainingListener)}, keeping the state
     * chosen by {@code checkpoints} (null: the last).
     */
    public static TransformClassifier train(ImageSet images, GeometricTransforms transforms, Settings settings, long seed,
            ImageSet validation, TrainingListener listener, Checkpoints checkpoints) {
        transforms.checkShape(images);
        long pairs = (long) images.size() * transforms.size();
        if (pairs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(images.size() + " images x " + transforms.size() + " transforms are too many pairs");
        }
        int k = transforms.size();
        TransformClassifier c = new TransformClassifier(transforms, images.channels(), settings.width(), seed);
        MiniBatches batches = new MiniBatches((int) pairs, (int) Math.min(settings.batchSize(), pairs), seed, true);
        long steps = steps(images.size(), k, settings);
        Objective<ClassLogits> objective = Objective.<ClassLogits>builder().add("cross_entropy", 1.0, ClassLogits::crossEntropy).build();
        Trainer.Builder<ClassLogits> trainer = Trainer.<ClassLogits>builder().setParameters(c.parameters).setObjective(objective)
                .setModel(ctx -> {
                    int[] idx = batches.indices(ctx.step());
                    int[] image = new int[idx.length];
                    int[] transform = new int[idx.length];
                    for (int b = 0; b < idx.length; b++) {
                        image[b] = idx[b] / k;
                        transform[b] = idx[b] % k;
                    }
                    NDArray x = c.transformed(ctx.manager(), images, image, transform);
                    return new ClassLogits(c.net.forward(x, true), ClassLogits.oneHot(ctx.manager(), transform, k));
                })
                .addStage(new TrainingStage("adam", steps, start -> Adam.builder().setParameters(c.parameters)
                        .optLearningRate(LearningRateSchedule.constant(settings.lr())).optStepOffset(start).build()));
        long perEpoch = batches.batchesPerEpoch();
        trainer.addListener(new TrainingListener() {
            private double sum;
            private long count;

            @Override
            public void onStep(long step, String stage, double learningRate, org.repcon.objective.LossValues values, double wallSeconds) {
                sum += values.total();
                count++;
                if ((step + 1) % perEpoch == 0 || step + 1 == steps) {
                    c.trainingCurve.add(sum / count);
                    sum = 0;
                    count = 0;
                    if (validation != null) {
                        c.validationCurve.add(mean(c.score(validation)));
                    }
                }
            }
        });
        java.util.Map<Long, Double> at = new java.util.TreeMap<>(); // step (1-based) -> its epochs
        byte[][] best = {null};
        if (checkpoints != null) {
            for (double e : checkpoints.epochs()) {
                long step = Math.max(1, Math.round(e * perEpoch));
                if (step < steps) {
                    at.putIfAbsent(step, e);
                }
            }
            at.putIfAbsent(steps, (double) steps / perEpoch);
            trainer.addListener(new TrainingListener() {
                private double bestValue = Double.NEGATIVE_INFINITY;

                @Override
                public void onStep(long step, String stage, double learningRate, org.repcon.objective.LossValues values, double wallSeconds) {
                    Double epochs = at.get(step + 1);
                    if (epochs == null) {
                        return;
                    }
                    double v = checkpoints.criterion().applyAsDouble(c);
                    c.checkpointCurve.put(epochs, v);
                    if (v > bestValue) {
                        bestValue = v;
                        c.chosenEpochs = epochs;
                        best[0] = c.state();
                    }
                }
            });
        }
        if (listener != null) {
            trainer.addListener(listener);
        }
        try {
            trainer.build().fit();
            if (best[0] != null) {
                c.restore(best[0]);
            }
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The parameters and batch-norm statistics as bytes. */
    private byte[] state() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            parameters.write(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void restore(byte[] state) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(state))) {
            parameters.read(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Checkpoint epochs -> criterion, in training order; empty if no {@link Checkpoints} were given. */
    public java.util.Map<Double, Double> checkpointCurve() {
        return java.util.Collections.unmodifiableMap(checkpointCurve);
    }

    /** The epochs of the kept state (NaN if no {@link Checkpoints} were given: the last state is kept). */
    public double chosenEpochs() {
        return chosenEpochs;
    }

    /** {@code T_{transform[b]}(images[image[b]])} for each b, as [B, C, S, S] float32 in {@code m}. */
    private NDArray transformed(NDManager m, ImageSet images, int[] image, int[] transform) {
        int per = images.imageSize();
        float[] out = new float[image.length * per];
        for (int b = 0; b < image.length; b++) {
            transforms.apply(transform[b], images.channels(), images.pixels(), image[b] * per, out, b * per);
        }
        int s = transforms.side();
        return m.create(out, new Shape(image.length, images.channels(), s, s));
    }

    private void checkShape(ImageSet images) {
        transforms.checkShape(images);
        if (images.channels() != channels) {
            throw new IllegalArgumentException("the transform classifier takes " + channels + "-channel images; " + images.name()
                    + " has " + images.channels());
        }
    }

    /**
     * The mean training cross-entropy of the steps of each epoch (the last entry: the steps after the last whole epoch,
     * if the epochs were fractional); empty for a classifier that was not trained here.
     */
    public java.util.List<Double> trainingCurve() {
        return java.util.List.copyOf(trainingCurve);
    }

    /** The mean score of the validation images after each epoch (and at the end), as {@link #trainingCurve}; empty without them. */
    public java.util.List<Double> validationCurve() {
        return java.util.List.copyOf(validationCurve);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** The transforms f was trained on. */
    public GeometricTransforms transforms() {
        return transforms;
    }

    /** The anomaly score {@code -(1/K) sum_k log softmax(f(T_k x))_k} of every image; [N]. */
    public double[] score(ImageSet images) {
        return nll(logProbabilities(images));
    }

    /** {@code -(1/K) sum_k logP[i][k][k]} of log-probabilities [N][K][K] ({@link #logProbabilities}); [N]. */
    public static double[] nll(double[][][] logP) {
        double[] out = new double[logP.length];
        for (int i = 0; i < logP.length; i++) {
            double s = 0;
            for (int t = 0; t < logP[i].length; t++) {
                s += logP[i][t][t];
            }
            out[i] = -s / logP[i].length;
        }
        return out;
    }

    /**
     * {@code log softmax(f(T_k x_i))_j} of every image i, transform k and class j; [N][K][K] (computed in float32 by
     * libtorch's log-softmax, so no probability underflows to a log of minus infinity).
     */
    public double[][][] logProbabilities(ImageSet images) {
        checkShape(images);
        int k = transforms.size();
        int per = Math.max(1, EVAL_PAIRS / k);
        double[][][] out = new double[images.size()][k][];
        for (int from = 0; from < images.size(); from += per) {
            int to = Math.min(images.size(), from + per);
            int n = to - from;
            int[] image = new int[n * k];
            int[] transform = new int[n * k];
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < k; t++) {
                    image[i * k + t] = from + i;
                    transform[i * k + t] = t;
                }
            }
            try (NDScope scope = new NDScope(); NDManager m = parameters.manager().newSubManager()) {
                NDArray logits = net.forward(transformed(m, images, image, transform), false);
                double[] l = logits.logSoftmax(1).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < k; t++) {
                        out[from + i][t] = java.util.Arrays.copyOfRange(l, (i * k + t) * k, (i * k + t + 1) * k);
                    }
                }
            }
        }
        return out;
    }

    /** The logits {@code f(T_k x_i)} of every image i and transform k; [N][K][K] (for checks and analyses). */
    public double[][][] logits(ImageSet images) {
        checkShape(images);
        int k = transforms.size();
        double[][][] out = new double[images.size()][k][];
        for (int i = 0; i < images.size(); i++) {
            int[] image = new int[k];
            int[] transform = new int[k];
            for (int t = 0; t < k; t++) {
                image[t] = i;
                transform[t] = t;
            }
            try (NDScope scope = new NDScope(); NDManager m = parameters.manager().newSubManager()) {
                double[] l = net.forward(transformed(m, images, image, transform), false).toType(DataType.FLOAT64, false).toDoubleArray();
                for (int t = 0; t < k; t++) {
                    out[i][t] = java.util.Arrays.copyOfRange(l, t * k, (t + 1) * k);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        parameters.close();
        manager.close();
    }
}
