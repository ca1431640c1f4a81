package org.repcon.objective;

/**
 * The weight of a loss term as a function of the global training step: constant, linearly annealed
 * (e.g. KL warm-up), or switched on at a step.
 */
@FunctionalInterface
public interface WeightSchedule {
    /** Weight at {@code step} (0-based). */
    double at(long step);

    /** Always {@code w}. */
    static WeightSchedule constant(double w) {
        return step -> w;
    }

    /**
     * {@code from} until {@code start}, linearly to {@code to} at {@code end}, then {@code to}.
     */
    static WeightSchedule linear(double from, double to, long start, long end) {
        if (end <= start) {
            throw new IllegalArgumentException("linear weight schedule needs end > start");
        }
        return step -> {
            if (step <= start) {
                return from;
            }
            if (step >= end) {
                return to;
            }
            return from + (to - from) * (step - start) / (double) (end - start);
        };
    }

    /** 0 before {@code start}, {@code w} from then on. */
    static WeightSchedule from(long start, double w) {
        return step -> step < start ? 0 : w;
    }
}
