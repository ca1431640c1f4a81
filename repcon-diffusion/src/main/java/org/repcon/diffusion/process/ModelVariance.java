package org.repcon.diffusion.process;

import org.repcon.diffusion.schedule.NoiseSchedule;

/**
 * The fixed variance of the reverse process p(x_{t-1} | x_t) = N(mu_theta(x_t, t), sigma_t^2 I) (Ho et al. 2020,
 * section 3.2: both choices give similar samples; their CIFAR-10 model used {@link #FIXED_LARGE}).
 */
public enum ModelVariance {
    /** sigma_t^2 = beta_t, except at t = 0 where the posterior variance of t = 1 is used (Ho et al.'s {@code fixedlarge}). */
    FIXED_LARGE,
    /** sigma_t^2 = the posterior variance, its log clipped at t = 0 to that of t = 1 (Ho et al.'s {@code fixedsmall}). */
    FIXED_SMALL;

    /** log sigma_t^2. */
    public double logVariance(NoiseSchedule s, int t) {
        return switch (this) {
            case FIXED_LARGE -> t == 0 ? Math.log(s.posteriorVariance(1)) : Math.log(s.beta(t));
            case FIXED_SMALL -> s.posteriorLogVarianceClipped(t);
        };
    }
}
