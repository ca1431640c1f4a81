package org.repcon.evaluation;

import java.util.Locale;
import java.util.Random;

/**
 * Timing of the evaluation at full data-set size (not a unit test; no test times anything): a linear probe on
 * 60,000 x 64 training latents (10 classes, 10,000 test latents), k-NN of 10,000 x 32 test latents against 60,000
 * train latents, and exact t-SNE of 2,000 points in 32-D. The latents are noisy Gaussian blobs.
 *
 * <p>Run from the repository root after {@code ./mvnw -o -pl repcon-core -am test-compile}:
 * {@code java -cp <test-classes>:<classes>:<test class path> org.repcon.evaluation.EvaluationBenchmark [probe] [knn] [tsne]}
 * (no argument: all three).
 */
public final class EvaluationBenchmark {
    private EvaluationBenchmark() {
    }

    public static void main(String[] args) {
        String which = args.length == 0 ? "probe knn tsne" : String.join(" ", args);
        Random rng = new Random(1);
        if (which.contains("probe")) {
            double[][] train = KnnClassifierTest.noisyBlobs(rng, 60_000, 64, 10, 2.0);
            double[][] test = KnnClassifierTest.noisyBlobs(rng, 10_000, 64, 10, 2.0);
            long t0 = System.nanoTime();
            ProbeResult r = LinearProbe.fit(train, KnnClassifierTest.labelsOf(60_000, 10), test,
                    KnnClassifierTest.labelsOf(10_000, 10), 0);
            System.out.printf(Locale.ROOT, "linear probe 60000x64, 10 classes: %.2f s, %s%n",
                    (System.nanoTime() - t0) / 1e9, r);
        }
        if (which.contains("knn")) {
            double[][] train = KnnClassifierTest.noisyBlobs(rng, 60_000, 32, 10, 2.0);
            double[][] test = KnnClassifierTest.noisyBlobs(rng, 10_000, 32, 10, 2.0);
            long t0 = System.nanoTime();
            double acc = new KnnClassifier().accuracy(train, KnnClassifierTest.labelsOf(60_000, 10), test,
                    KnnClassifierTest.labelsOf(10_000, 10));
            System.out.printf(Locale.ROOT, "5-NN 10000 x 60000 x 32: %.2f s, accuracy %.4f%n",
                    (System.nanoTime() - t0) / 1e9, acc);
        }
        if (which.contains("tsne")) {
            double[][] x = KnnClassifierTest.noisyBlobs(rng, 2_000, 32, 10, 1.0);
            long t0 = System.nanoTime();
            TsneResult r = Tsne.builder().optSeed(1).build().fit(x);
            System.out.printf(Locale.ROOT, "exact t-SNE 2000 x 32, 1000 iterations, 2 threads: %.2f s, KL %.4f, "
                    + "1-NN label agreement in 2-D %.4f%n", (System.nanoTime() - t0) / 1e9, r.klDivergence(),
                    TsneTest.nearestNeighbourAgreement(r.embedding(), KnnClassifierTest.labelsOf(2_000, 10)));
        }
    }
}
