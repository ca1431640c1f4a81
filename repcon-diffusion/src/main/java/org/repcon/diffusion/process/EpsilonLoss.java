package org.repcon.diffusion.process;

import ai.djl.ndarray.NDArray;
import org.repcon.nn.Scalars;
import org.repcon.objective.LossTerm;
import org.repcon.objective.Objective;

/**
 * The DDPM training objective as named loss terms (Ho et al. 2020, L_simple):
 * <pre>
 * eps_mse            = mean_{n, i} (eps_theta(x_t, t)_{n,i} - eps_{n,i})^2          (t ~ U{0..T-1} per sample)
 * eps_mse_t{lo}_{hi} = mean over the samples n with lo <= t_n <= hi of mean_i (eps_theta - eps)_{n,i}^2
 * </pre>
 * The bucket terms split the timesteps into equal ranges; {@link #addTo} adds them with weight 0, so each is logged
 * (metrics.csv, loss curves) but only {@code eps_mse} is minimised. A batch without a sample in a bucket (chance
 * (1 - 1/B)^N) gives that bucket 0 at that step.
 */
public final class EpsilonLoss {
    /** The name of the minimised term. */
    public static final String NAME = "eps_mse";

    private EpsilonLoss() {}

    /** L_simple: the mean squared error of the predicted noise over every value of the batch. */
    public static LossTerm<DiffusionOutput> mse() {
        return out -> out.predicted().sub(out.noise()).square().mean();
    }

    /** First timestep of bucket {@code k} of {@code buckets} over T steps: floor(k T / B). */
    public static int bucketStart(int k, int buckets, int steps) {
        return (int) ((long) k * steps / buckets);
    }

    /** The name of bucket {@code k}: {@code eps_mse_t<first>_<last>}. */
    public static String bucketName(int k, int buckets, int steps) {
        return NAME + "_t" + bucketStart(k, buckets, steps) + "_" + (bucketStart(k + 1, buckets, steps) - 1);
    }

    /** The bucket of timestep t: the k with bucketStart(k) <= t < bucketStart(k + 1). */
    public static int bucketOf(int t, int buckets, int steps) {
        int k = (int) ((long) t * buckets / steps);
        while (k + 1 < buckets && t >= bucketStart(k + 1, buckets, steps)) {
            k++;
        }
        while (k > 0 && t < bucketStart(k, buckets, steps)) {
            k--;
        }
        return k;
    }

    /** The per-sample mean squared error, averaged over the samples whose timestep falls in bucket {@code k}. */
    public static LossTerm<DiffusionOutput> bucket(int k, int buckets) {
        if (buckets < 1 || k < 0 || k >= buckets) {
            throw new IllegalArgumentException("bucket " + k + " of " + buckets + " does not exist");
        }
        return out -> {
            int[] t = out.timesteps();
            double[] mask = new double[t.length];
            int count = 0;
            for (int n = 0; n < t.length; n++) {
                if (bucketOf(t[n], buckets, out.steps()) == k) {
                    mask[n] = 1;
                    count++;
                }
            }
            NDArray diff = out.predicted().sub(out.noise());
            NDArray perSample = diff.reshape(t.length, -1).square().mean(new int[] {1});
            NDArray m = Scalars.owned(perSample.getManager().create(mask), perSample.getDataType());
            NDArray sum = perSample.mul(m).sum();
            return count == 0 ? sum : Scalars.times(sum, 1.0 / count);
        };
    }

    /**
     * Adds {@code eps_mse} with {@code weight} and, if {@code buckets > 0}, one weight-0 term per timestep bucket,
     * to be logged separately.
     */
    public static Objective.Builder<DiffusionOutput> addTo(Objective.Builder<DiffusionOutput> objective, double weight, int buckets,
            int steps) {
        if (buckets < 0 || buckets > steps) {
            throw new IllegalArgumentException("timestep buckets must be in [0, T = " + steps + "], got " + buckets);
        }
        objective.add(NAME, weight, mse());
        for (int k = 0; k < buckets; k++) {
            objective.add(bucketName(k, buckets, steps), 0.0, bucket(k, buckets));
        }
        return objective;
    }
}
