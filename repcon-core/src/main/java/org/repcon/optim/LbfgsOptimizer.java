package org.repcon.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;
import org.repcon.optim.lbfgs.IterationResult;
import org.repcon.optim.lbfgs.Lbfgs;

/**
 * L-BFGS over all parameters as one flat vector ({@link Lbfgs}, strong-Wolfe line search). One
 * {@link #step} is one L-BFGS iteration, which may evaluate the objective several times; the reported loss
 * values are those at the accepted point. Once the tolerances are met, {@link #converged()} ends the stage,
 * unless restarts are allowed: then the curvature history is dropped and the search starts again from the
 * current point (steepest descent first), up to {@code restarts} times. This helps in float32, where the
 * line search can stall on loss differences below the type's resolution while a fresh direction still makes
 * progress. With 0 restarts it behaves as {@code torch.optim.LBFGS}.
 */
public final class LbfgsOptimizer implements Optimizer {
    private final Parameters parameters;
    private final Lbfgs lbfgs;
    private final double initialStep;
    private final double[] x;
    private LossValues last;
    private boolean converged;
    private boolean started;
    private final int restarts;
    private int restartsUsed;

    /**
     * @param parameters the model's parameters
     * @param lbfgs a configured L-BFGS (history size, tolerances, line search)
     * @param initialStep the learning rate given to {@code lbfgs} (reported in logs)
     */
    public LbfgsOptimizer(Parameters parameters, Lbfgs lbfgs, double initialStep) {
        this(parameters, lbfgs, initialStep, 0);
    }

    /**
     * @param restarts how many times to drop the history and continue after convergence (0: never)
     */
    public LbfgsOptimizer(Parameters parameters, Lbfgs lbfgs, double initialStep, int restarts) {
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0");
        }
        this.restarts = restarts;
        this.parameters = parameters;
        this.lbfgs = lbfgs;
        this.initialStep = initialStep;
        this.x = new double[parameters.count()];
    }

    @Override
    public String name() {
        return "lbfgs";
    }

    @Override
    public double learningRate(long step) {
        return initialStep;
    }

    @Override
    public LossValues step(LossClosure closure, long step) {
        if (!started) { // afterwards x is the optimizer's own (double) iterate; parameters hold it rounded
            parameters.copyTo(x);
            started = true;
        }
        IterationResult r = lbfgs.iterate(x, (point, gradient) -> {
            parameters.copyFrom(point);
            last = closure.evaluate();
            parameters.gradientTo(gradient);
            return last.total();
        });
        converged = r.converged();
        if (converged && restartsUsed < restarts) {
            restartsUsed++;
            lbfgs.reset();
            converged = false;
        }
        if (last == null) {
            // resumed from a checkpoint and this iteration needed no evaluation (it stopped on its cached
            // gradient): report the values at the current point, as an uninterrupted run does
            last = closure.evaluate();
        }
        return last;
    }

    /** Restarts used so far. */
    public int restartsUsed() {
        return restartsUsed;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(converged);
        out.writeBoolean(started);
        out.writeInt(restartsUsed);
        for (double v : x) {
            out.writeDouble(v);
        }
        lbfgs.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        converged = in.readBoolean();
        started = in.readBoolean();
        restartsUsed = in.readInt();
        for (int i = 0; i < x.length; i++) {
            x[i] = in.readDouble();
        }
        lbfgs.readState(in, x.length);
    }
}
