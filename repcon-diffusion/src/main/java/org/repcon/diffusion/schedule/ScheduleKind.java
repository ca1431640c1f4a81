package org.repcon.diffusion.schedule;

/** The noise schedules of a diffusion model ({@code schedule} in a spec). */
public enum ScheduleKind {
    /** Ho et al. 2020: beta linear from 1e-4 to 0.02, both scaled by 1000 / T. */
    LINEAR,
    /** Nichol and Dhariwal 2021: alphaBar(t) = f(t) / f(0), f(t) = cos^2(((t / T) + s) / (1 + s) * pi / 2), s = 0.008. */
    COSINE;

    /** The schedule of this kind with {@code steps} timesteps. */
    public NoiseSchedule schedule(int steps) {
        return switch (this) {
            case LINEAR -> NoiseSchedule.linear(steps);
            case COSINE -> NoiseSchedule.cosine(steps);
        };
    }
}
