package org.repcon.diffusion.latent;

import java.io.IOException;
import java.nio.file.Path;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.evaluation.FeatureClassifier;
import org.repcon.evaluation.FrechetDistance;

/**
 * The Frechet distance of image sets from the test images in the feature space of the shared Fashion-MNIST
 * classifier: {@link FeatureClassifier#cached} on all training images of the Fashion-MNIST folder in the order
 * {@link FashionMnist} loads them, 10 classes, {@link FeatureClassifier.Settings#DEFAULT}, seed 7 (the pixel-space
 * diffusion experiment makes the same call, so both report distances in one feature space).
 */
final class SampleQuality implements AutoCloseable {
    /** The classifier's seed, shared by every experiment that reports {@code fd_classifier}. */
    static final long CLASSIFIER_SEED = 7;

    private final FeatureClassifier classifier;
    private final double[][] testFeatures;
    private final double accuracy;

    private SampleQuality(FeatureClassifier classifier, ImageSet test) {
        this.classifier = classifier;
        this.testFeatures = classifier.features(test);
        this.accuracy = classifier.accuracy(test);
    }

    /** Loads (or trains and caches) the classifier of the Fashion-MNIST folder {@code dir}; scores against {@code test}. */
    static SampleQuality of(Path dir, Path cache, ImageSet test) throws IOException {
        ImageSet train = FashionMnist.load(dir, FashionMnist.Split.TRAIN, 0);
        FeatureClassifier c = FeatureClassifier.cached(cache == null ? FeatureClassifier.defaultCache() : cache, train, 10,
                FeatureClassifier.Settings.DEFAULT, CLASSIFIER_SEED, null);
        try {
            return new SampleQuality(c, test);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The classifier's accuracy on the test images. */
    double testAccuracy() {
        return accuracy;
    }

    /** d^2 between the Gaussians of the features of {@code images} and of the test images. */
    double frechetDistance(ImageSet images) {
        return FrechetDistance.between(classifier.features(images), testFeatures);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
