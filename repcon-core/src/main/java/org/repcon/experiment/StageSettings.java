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
 * One training stage as written in a spec, parsed once:
 * <pre>
 * - optimizer: adam          # or lbfgs
 *   steps: 5000
 *   lr: 1.0e-3
 *   lr_schedule: {type: exponential, rate: 0.5, every: 2000}   # see {@link LrScheduleSettings}
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
public sealed interface StageSettings {

    /** The optimizers a stage can use ({@code optimizer}). */
    enum Kind { ADAM, LBFGS }

    /** The stage, creating its optimizer over {@code parameters} when it starts. */
    TrainingStage toStage(Parameters parameters);

    /** Its number of steps (iterations for L-BFGS). */
    long steps();

    /** The same stage with {@code steps} steps (e.g. a {@code --quick} variant). */
    StageSettings withSteps(long steps);

    /** An Adam stage: {@code steps} steps from {@code lr} on {@code schedule}, decoupled {@code weightDecay}. */
    record AdamStage(long steps, double lr, LrScheduleSettings schedule, double weightDecay) implements StageSettings {
        @Override
        public TrainingStage toStage(Parameters parameters) {
            LearningRateSchedule lrs = schedule.schedule(lr, steps);
            return new TrainingStage("adam", steps, start -> (Optimizer) Adam.builder().setParameters(parameters)
                    .optLearningRate(lrs).optStepOffset(start).optWeightDecay(weightDecay).build());
        }

        @Override
        public AdamStage withSteps(long newSteps) {
            return new AdamStage(newSteps, lr, schedule, weightDecay);
        }
    }

    /** An L-BFGS stage of at most {@code steps} iterations from the initial step {@code lr}. */
    record LbfgsStage(long steps, double lr, int history, int maxEvaluations, double toleranceGrad,
            double toleranceChange, int restarts) implements StageSettings {
        @Override
        public TrainingStage toStage(Parameters parameters) {
            return new TrainingStage("lbfgs", steps, start -> new LbfgsOptimizer(parameters, Lbfgs.builder()
                    .optHistorySize(history).optMaxEvaluationsPerIteration(maxEvaluations).optToleranceGrad(toleranceGrad)
                    .optToleranceChange(toleranceChange).optInitialStep(lr).build(), lr, restarts));
        }

        @Override
        public LbfgsStage withSteps(long newSteps) {
            return new LbfgsStage(newSteps, lr, history, maxEvaluations, toleranceGrad, toleranceChange, restarts);
        }
    }

    /** Reads and validates one stage. */
    static StageSettings read(Spec s) {
        Kind kind = s.getEnum("optimizer", Kind.class);
        long steps = s.getLong("steps", 1000, 0, Long.MAX_VALUE);
        if (kind == Kind.ADAM) {
            double lr = s.getPositiveDouble("lr", 1e-3);
            LrScheduleSettings schedule = LrScheduleSettings.read(s.getChildOrEmpty("lr_schedule"), lr, new LrScheduleSettings.Constant());
            return new AdamStage(steps, lr, schedule, s.getDouble("weight_decay", 0, 0, 1));
        }
        return new LbfgsStage(steps, s.getPositiveDouble("lr", 1.0), s.getInt("history", 50, 1, 10_000),
                s.getInt("max_evaluations", 25, 1, 1000), s.getDouble("tolerance_grad", 1e-9, 0, 1),
                s.getDouble("tolerance_change", 1e-12, 0, 1), s.getInt("restarts", 0, 0, 1_000_000));
    }
}
