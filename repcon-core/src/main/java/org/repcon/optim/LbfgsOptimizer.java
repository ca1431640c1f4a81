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
 * values are those at the accepted point. Once the tolerances are met, {@link #converged()} ends the stage.
 */
public final class LbfgsOptimizer implements Optimizer {
    private final Parameters parameters;
    private final Lbfgs lbfgs;
    private final double initialStep;
    private final double[] x;
    private LossValues last;
    private boolean converged;
    private boolean started;

    /**
     * @param parameters the model's parameters
     * @param lbfgs a configured L-BFGS (history size, tolerances, line search)
     * @param initialStep the learning rate given to {@code lbfgs} (reported in logs)
     */
    public LbfgsOptimizer(Parameters parameters, Lbfgs lbfgs, double initialStep) {
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
        return last;
    }

    @Override
    public boolean converged() {
        return converged;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeBoolean(converged);
        out.writeBoolean(started);
        for (double v : x) {
            out.writeDouble(v);
        }
        lbfgs.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        converged = in.readBoolean();
        started = in.readBoolean();
        for (int i = 0; i < x.length; i++) {
            x[i] = in.readDouble();
        }
        lbfgs.readState(in, x.length);
    }
}
