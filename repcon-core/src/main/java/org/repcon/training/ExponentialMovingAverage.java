package org.repcon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.nn.FusedOps;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;

/**
 * An exponential moving average of a model's weights (Polyak averaging, as diffusion models use for sampling and
 * evaluation; Ho et al. 2020 use decay 0.9999): after every optimizer step
 * <pre>
 * d_n = min(decay, (1 + n) / (10 + n)) with warm-up (n = updates so far), else d_n = decay
 * avg_p = d_n avg_p + (1 - d_n) p          for every trainable array p (buffers are copied as they are)
 * </pre>
 * starting from a copy of the initial weights. Register it as a listener of the trainer (it updates in
 * {@link #onStep}); being {@link Stateful}, its averages and count are saved in every checkpoint and restored on
 * resume. {@link #copyTo} puts the averages into a second {@link Parameters} of the same model (same names and
 * shapes), which is then used for sampling, evaluation and the saved model.
 */
public final class ExponentialMovingAverage implements TrainingListener, Stateful {
    private final Parameters parameters;
    private final double decay;
    private final boolean warmup;
    private final Map<String, NDArray> averages = new LinkedHashMap<>();
    private long updates;

    /**
     * @param decay in [0, 1): the weight of the old average
     * @param warmup use min(decay, (1 + n) / (10 + n)), so the average follows quickly at first
     */
    public ExponentialMovingAverage(Parameters parameters, double decay, boolean warmup) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.parameters = parameters;
        this.decay = decay;
        this.warmup = warmup;
        for (Map.Entry<String, NDArray> e : parameters.asMap().entrySet()) {
            NDArray copy = e.getValue().duplicate();
            copy.setRequiresGradient(false);
            NDScope.unregister(copy);
            averages.put(e.getKey(), copy);
        }
    }

    /** The decay used for update number {@code n} (0-based). */
    public double decayAt(long n) {
        return warmup ? Math.min(decay, (1.0 + n) / (10.0 + n)) : decay;
    }

    /** One update of the averages from the current weights. */
    public void update() {
        double d = decayAt(updates);
        List<NDArray> current = new ArrayList<>();
        List<NDArray> average = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : parameters.asMap().entrySet()) {
            current.add(e.getValue());
            average.add(averages.get(e.getKey()));
        }
        // avg.muli(d).addi(p.mul(1 - d)) for every array, in one native call without autograd
        FusedOps.emaUpdate(average, current, d);
        updates++;
    }

    @Override
    public void onStep(long step, String stage, double learningRate, LossValues values, double wallSeconds) {
        update();
    }

    /** Number of updates so far. */
    public long updates() {
        return updates;
    }

    /** The average of the array called {@code name} (owned by this object: do not close). */
    public NDArray average(String name) {
        NDArray a = averages.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter called " + name + "; have " + averages.keySet());
        }
        return a;
    }

    /**
     * Writes the averages into {@code target}'s trainable arrays, and the current buffers (e.g. batch-norm
     * statistics) into its buffers; names and shapes must match.
     */
    public void copyTo(Parameters target) {
        if (!target.names().equals(parameters.names())) {
            throw new IllegalArgumentException("EMA target has parameters " + target.names() + ", expected " + parameters.names());
        }
        try (NDScope scope = new NDScope()) {
            for (Map.Entry<String, NDArray> e : averages.entrySet()) {
                set(target.get(e.getKey()), e.getValue());
            }
            for (Map.Entry<String, NDArray> b : parameters.buffers().entrySet()) {
                set(target.buffer(b.getKey()), b.getValue());
            }
        }
    }

    private static void set(NDArray target, NDArray source) {
        if (!target.getShape().equals(source.getShape())) {
            throw new IllegalArgumentException("shape " + source.getShape() + " does not match " + target.getShape()
                    + " of " + target.getName());
        }
        NDArray values = source.toType(target.getDataType(), false);
        if (values.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64) {
            target.set(values.toDoubleArray());
        } else {
            target.set(values.toFloatArray());
        }
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(updates);
        out.writeInt(averages.size());
        for (NDArray a : averages.values()) {
            Parameters.writeArray(out, a);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        long n = in.readLong();
        int count = in.readInt();
        if (count != averages.size()) {
            throw new IOException("EMA state has " + count + " arrays, the model has " + averages.size());
        }
        for (NDArray a : averages.values()) {
            Parameters.readArray(in, a);
        }
        updates = n;
    }
}
