package org.repcon.data.ood;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the names of out-of-distribution sets, as an experiment's spec gives them, into {@link OodSet}s for a model
 * trained on Fashion-MNIST. Names:
 *
 * <ul>
 *   <li>{@code mnist}: the MNIST digits that {@code scripts/setup-mnist.sh} installs ({@link MnistDigits}; 10,000
 *       images with digit labels); {@code mnist:PATH}: MNIST (or any digits) from another IDX image file or image
 *       folder;</li>
 *   <li>{@code images:PATH}: any IDX image file, image folder or image file ({@link ImageFileSet}: converted to
 *       1x28x28 grayscale as {@code repcon score} does);</li>
 *   <li>{@code fashion-vflip}: the 10,000 Fashion-MNIST test images flipped upside down ({@link FlippedFashion});</li>
 *   <li>{@code uniform}: uniform noise images; {@code gaussian}: Gaussian noise images with mean
 *       {@value #GAUSSIAN_MEAN} and sd {@value #GAUSSIAN_SD} clipped to [0, 1]; {@code gaussian:MEAN,SD} with another
 *       mean and sd ({@link NoiseSet}; the noise count and seed are set on the builder).</li>
 * </ul>
 *
 * <p>Usage: {@code OodSets.builder().setFashionDir(dir).optSeed(seed).build().parse("mnist").load(limit)}.
 */
public final class OodSets {
    /** Mean of {@code gaussian} noise before clipping. */
    public static final double GAUSSIAN_MEAN = 0.5;
    /** Standard deviation of {@code gaussian} noise before clipping: 2 sd span [0, 1], so about 5% is clipped. */
    public static final double GAUSSIAN_SD = 0.25;
    /** Default number of noise images: as many as Fashion-MNIST has test images. */
    public static final int DEFAULT_NOISE_COUNT = 10_000;

    /** The names {@link #parse} knows, for messages. */
    public static final String KNOWN = "mnist, mnist:PATH, images:PATH, fashion-vflip, uniform, gaussian, "
            + "gaussian:MEAN,SD";

    private final Path fashionDir;
    private final Path mnistDir;
    private final long seed;
    private final int noiseCount;

    private OodSets(Builder b) {
        this.fashionDir = b.fashionDir;
        this.mnistDir = b.mnistDir;
        this.seed = b.seed;
        this.noiseCount = b.noiseCount;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The set a name stands for; names are case-sensitive, PATH is taken as it is (relative to the working folder).
     *
     * @throws IllegalArgumentException for an unknown or malformed name (the message lists the known ones)
     */
    public OodSet parse(String name) {
        Objects.requireNonNull(name, "name");
        String text = name.strip();
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon);
        String arg = colon < 0 ? null : text.substring(colon + 1).strip();
        if (arg != null && arg.isEmpty()) {
            throw new IllegalArgumentException("out-of-distribution set '" + name + "' has nothing after the colon; "
                    + "known: " + KNOWN);
        }
        switch (head) {
            case "mnist":
                return arg == null ? MnistDigits.set(text, mnistDir) : files(text, arg);
            case "images":
                if (arg == null) {
                    throw new IllegalArgumentException("out-of-distribution set 'images' needs a path: images:PATH "
                            + "(an IDX image file, an image folder or an image file)");
                }
                return files(text, arg);
            case "fashion-vflip":
                noArgument(text, arg);
                return new FlippedFashion(text, fashionDir);
            case "uniform":
                noArgument(text, arg);
                return new NoiseSet(text, NoiseSet.Kind.UNIFORM, noiseCount, seed, 0, 0);
            case "gaussian":
                if (arg == null) {
                    return new NoiseSet(text, NoiseSet.Kind.GAUSSIAN, noiseCount, seed, GAUSSIAN_MEAN, GAUSSIAN_SD);
                }
                double[] p = meanAndSd(text, arg);
                return new NoiseSet(text, NoiseSet.Kind.GAUSSIAN, noiseCount, seed, p[0], p[1]);
            default:
                throw new IllegalArgumentException("unknown out-of-distribution set '" + name + "'; known: " + KNOWN);
        }
    }

    /**
     * The sets of several names, in order.
     *
     * @throws IllegalArgumentException for an unknown or malformed name, or a name given twice
     */
    public List<OodSet> parseAll(List<String> names) {
        List<OodSet> sets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            OodSet s = parse(n);
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("out-of-distribution set '" + s.name() + "' is named twice");
            }
            sets.add(s);
        }
        return List.copyOf(sets);
    }

    private static OodSet files(String name, String path) {
        return new ImageFileSet(name, Path.of(path), "Give an existing IDX image file, image folder or image file.");
    }

    private static void noArgument(String name, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("out-of-distribution set '" + name + "' takes no ':' argument; known: "
                    + KNOWN);
        }
    }

    private static double[] meanAndSd(String name, String arg) {
        String[] parts = arg.split(",", -1);
        try {
            if (parts.length == 2) {
                double mean = Double.parseDouble(parts[0].strip());
                double sd = Double.parseDouble(parts[1].strip());
                if (Double.isFinite(mean) && Double.isFinite(sd) && sd >= 0) {
                    return new double[] {mean, sd};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("out-of-distribution set '" + name + "': expected gaussian:MEAN,SD with two "
                + "finite numbers and SD >= 0, e.g. " + String.format(Locale.ROOT, "gaussian:%s,%s", GAUSSIAN_MEAN,
                        GAUSSIAN_SD));
    }

    /** Builder: {@link #setFashionDir} is required; seed, noise count and the MNIST folder have defaults. */
    public static final class Builder {
        private Path fashionDir;
        private Path mnistDir;
        private long seed = 1;
        private int noiseCount = DEFAULT_NOISE_COUNT;

        private Builder() {}

        /** The Fashion-MNIST folder the model was trained from (for {@code fashion-vflip}). */
        public Builder setFashionDir(Path dir) {
            this.fashionDir = Objects.requireNonNull(dir, "fashionDir");
            return this;
        }

        /** Where {@code mnist} is read from; default {@link MnistDigits#defaultDir()}. */
        public Builder optMnistDir(Path dir) {
            this.mnistDir = Objects.requireNonNull(dir, "mnistDir");
            return this;
        }

        /** The seed of the noise sets; default 1. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** N of the noise sets; default {@value OodSets#DEFAULT_NOISE_COUNT}. */
        public Builder optNoiseCount(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("the number of noise images must be positive, got " + count);
            }
            this.noiseCount = count;
            return this;
        }

        public OodSets build() {
            if (fashionDir == null) {
                throw new IllegalStateException("setFashionDir is required (the Fashion-MNIST folder, for "
                        + "fashion-vflip)");
            }
            if (mnistDir == null) {
                mnistDir = MnistDigits.defaultDir();
            }
            return new OodSets(this);
        }
    }
}
