package org.repcon.diffusion.toy;

/**
 * Train, validation and test points of one {@link ToyDistribution}, each drawn independently: split k (0 train,
 * 1 validation, 2 test) from the seed {@code seed * 31 + k}.
 *
 * @param train [n][2]
 * @param validation [n][2], for choices made after training (e.g. a kernel bandwidth)
 * @param test [n][2], for the reported distances
 */
public record ToyData(ToyDistribution distribution, double[][] train, double[][] validation, double[][] test) {

    /** Draws the three splits. */
    public static ToyData generate(ToyDistribution distribution, int train, int validation, int test, double noise, long seed) {
        return new ToyData(distribution, distribution.sample(train, noise, seed * 31),
                distribution.sample(validation, noise, seed * 31 + 1), distribution.sample(test, noise, seed * 31 + 2));
    }
}
