package org.repcon.experiment;

import org.repcon.nn.Parameters;
import org.repcon.optim.Adam;
import org.repcon.optim.LbfgsOptimizer;
import org.repcon.optim.LearningRateSchedule;
import org.repcon.optim.Optimizer;
import org.repcon.optim.lbfgs.Lbfgs;
import org.repcon.spec.Spec;
import org.repcon.training.TrainingStage;

/**
 * One training stage as written in a spec:
 * <pre>
 * - optimizer: adam          # or lbfgs
 *   steps: 5000
 *   lr: 1.0e-3
 *   lr_schedule: {type: exponential, rate: 0.5, every: 2000}   # or step / cosine / constant
 *   weight_decay: 0
 * - optimizer: lbfgs
 *   steps: 10000             # iterations; the stage ends early when L-BFGS converges
 *   lr: 1.0
 *   history: 50
 *   max_evaluations: 25      # line-search evaluations per iteration
 *   tolerance_grad: 1.0e-9
 *   tolerance_change: 1.0e-12
 *   restarts: 0              # drop the history and go on after convergence, up to this many times
 * </pre>
 */
public record StageSettings(Kind optimizer, long steps, double lr, Spec schedule, double weightDecay, int history,
        int maxEvaluations, double toleranceGrad, double toleranceChange, int restarts) {

    /** The optimizers a stage can use. */
    public enum Kind { ADAM, LBFGS }

    /** The learning-rate schedules of an Adam stage ({@code lr_schedule.type}). */
    public enum ScheduleType { CONSTANT, EXPONENTIAL, STEP, COSINE }

    /** Reads and validates one stage. */
    public static StageSettings read(Spec s) {
        Kind kind = s.getEnum("optimizer", Kind.class);
        long steps = s.getLong("steps", 1000, 0, Long.MAX_VALUE);
        if (kind == Kind.ADAM) {
            double lr = s.getPositiveDouble("lr", 1e-3);
            Spec schedule = s.getChildOrEmpty("lr_schedule");
            schedule(schedule, lr, steps); // validate now
            return new StageSettings(kind, steps, lr, schedule, s.getDouble("weight_decay", 0, 0, 1), 0, 0, 0, 0, 0);
        }
        return new StageSettings(kind, steps, s.getPositiveDouble("lr", 1.0), null, 0, s.getInt("history", 50, 1, 10_000),
                s.getInt("max_evaluations", 25, 1, 1000), s.getDouble("tolerance_grad", 1e-9, 0, 1),
                s.getDouble("tolerance_change", 1e-12, 0, 1), s.getInt("restarts", 0, 0, 1_000_000));
    }

    private static LearningRateSchedule schedule(Spec s, double lr, long steps) {
        ScheduleType type = s.getEnum("type", ScheduleType.class, ScheduleType.CONSTANT);
        return switch (type) {
            case CONSTANT -> LearningRateSchedule.constant(lr);
            case EXPONENTIAL -> LearningRateSchedule.exponential(lr, s.getDouble("rate", 0.5, 1e-12, 1), s.getLong("every", 1000, 1, Long.MAX_VALUE));
            case STEP -> LearningRateSchedule.stepDecay(lr, s.getDouble("factor", 0.5, 1e-12, 1), s.getLong("every", 1000, 1, Long.MAX_VALUE));
            case COSINE -> LearningRateSchedule.cosine(lr, s.getDouble("min_lr", 0, 0, lr), Math.max(1, steps));
        };
    }

    /** The stage, creating its optimizer over {@code parameters} when it starts. */
    public TrainingStage toStage(Parameters parameters) {
        return switch (optimizer) {
            case ADAM -> {
                LearningRateSchedule lrs = schedule(schedule, lr, steps);
                yield new TrainingStage("adam", steps, start -> (Optimizer) Adam.builder().setParameters(parameters)
                        .optLearningRate(lrs).optStepOffset(start).optWeightDecay(weightDecay).build());
            }
            case LBFGS -> new TrainingStage("lbfgs", steps, start -> new LbfgsOptimizer(parameters, Lbfgs.builder()
                    .optHistorySize(history).optMaxEvaluationsPerIteration(maxEvaluations).optToleranceGrad(toleranceGrad)
                    .optToleranceChange(toleranceChange).optInitialStep(lr).build(), lr, restarts));
        };
    }
}
