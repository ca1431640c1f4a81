package org.repcon.experiment;

import org.repcon.optim.LearningRateSchedule;
import org.repcon.spec.Spec;

/**
 * An Adam stage's learning-rate schedule as written in a spec ({@code lr_schedule:}), parsed once:
 * <pre>
 * lr_schedule: {type: constant}
 * lr_schedule: {type: exponential, rate: 0.5, every: 1000}   # lr rate^(step / every)
 * lr_schedule: {type: step, factor: 0.5, every: 1000}        # lr factor^floor(step / every)
 * lr_schedule: {type: cosine, min_lr: 0}                     # min_lr + (lr - min_lr) (1 + cos(pi step / steps)) / 2
 * </pre>
 */
public sealed interface LrScheduleSettings {

    /** The schedules ({@code lr_schedule.type}). */
    enum Type { CONSTANT, EXPONENTIAL, STEP, COSINE }

    record Constant() implements LrScheduleSettings {}
    record Exponential(double rate, long every) implements LrScheduleSettings {}
    record StepDecay(double factor, long every) implements LrScheduleSettings {}
    record Cosine(double minLr) implements LrScheduleSettings {}

    /** The schedule of a stage starting at {@code lr} and lasting {@code steps} steps. */
    default LearningRateSchedule schedule(double lr, long steps) {
        if (this instanceof Exponential e) {
            return LearningRateSchedule.exponential(lr, e.rate(), e.every());
        }
        if (this instanceof StepDecay s) {
            return LearningRateSchedule.stepDecay(lr, s.factor(), s.every());
        }
        if (this instanceof Cosine c) {
            return LearningRateSchedule.cosine(lr, c.minLr(), Math.max(1, steps));
        }
        return LearningRateSchedule.constant(lr);
    }

    /**
     * Reads and validates {@code s} (the {@code lr_schedule} mapping) for a stage starting at {@code lr}; an absent
     * type is {@code def}'s, and absent parameters are {@code def}'s when the type is {@code def}'s (else rate and
     * factor 0.5, every 1000, min_lr 0). Defaults are recorded in the spec; min_lr must not exceed lr.
     */
    static LrScheduleSettings read(Spec s, double lr, LrScheduleSettings def) {
        Type type = s.getEnum("type", Type.class, def instanceof Exponential ? Type.EXPONENTIAL
                : def instanceof StepDecay ? Type.STEP : def instanceof Cosine ? Type.COSINE : Type.CONSTANT);
        return switch (type) {
            case CONSTANT -> new Constant();
            case EXPONENTIAL -> {
                Exponential d = def instanceof Exponential e ? e : new Exponential(0.5, 1000);
                yield new Exponential(s.getDouble("rate", d.rate(), 1e-12, 1), s.getLong("every", d.every(), 1, Long.MAX_VALUE));
            }
            case STEP -> {
                StepDecay d = def instanceof StepDecay e ? e : new StepDecay(0.5, 1000);
                yield new StepDecay(s.getDouble("factor", d.factor(), 1e-12, 1), s.getLong("every", d.every(), 1, Long.MAX_VALUE));
            }
            case COSINE -> {
                s.getDouble("min_lr", def instanceof Cosine c ? c.minLr() : 0, 0, lr); // records an absent default,
                yield new Cosine(s.getDouble("min_lr", 0, 0, lr)); // then checks it against lr like a given value
            }
        };
    }
}
