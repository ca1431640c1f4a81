package org.repcon.optim;

/** Learning rate as a function of the step within its stage (0-based). */
@FunctionalInterface
public interface LearningRateSchedule {
    double at(long step);

    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }

    /** {@code lr * rate^(step / every)} (smooth exponential decay). */
    static LearningRateSchedule exponential(double lr, double rate, long every) {
        return step -> lr * Math.pow(rate, step / (double) every);
    }

    /** {@code lr * factor^floor(step / every)} (staircase). */
    static LearningRateSchedule stepDecay(double lr, double factor, long every) {
        return step -> lr * Math.pow(factor, Math.floorDiv(step, every));
    }

    /** Cosine from {@code lr} to {@code minLr} over {@code steps}. */
    static LearningRateSchedule cosine(double lr, double minLr, long steps) {
        return step -> minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * Math.min(step, steps) / steps));
    }
}
