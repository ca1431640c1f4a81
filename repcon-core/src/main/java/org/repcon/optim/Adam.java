package org.repcon.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.repcon.nn.FusedOps;
import org.repcon.nn.Parameters;
import org.repcon.objective.LossValues;

/**
 * Adam (Kingma and Ba), as in {@code torch.optim.Adam}:
 * {@code g += wd p; m = b1 m + (1-b1) g; v = b2 v + (1-b2) g^2;
 * p -= lr * (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
 * Moments live in the parameters' manager. The update of all arrays runs in one native call
 * ({@link FusedOps#adamUpdate}: the same tensor ops as written out in Java, about 30 JNI calls per array before).
 */
public final class Adam implements Optimizer {
    private final Parameters parameters;
    private final LearningRateSchedule lr;
    private final long stepOffset;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final List<NDArray> m = new ArrayList<>();
    private final List<NDArray> v = new ArrayList<>();
    private long t;

    private Adam(Builder b) {
        this.parameters = b.parameters;
        this.lr = b.lr;
        this.stepOffset = b.stepOffset;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
        for (NDArray p : parameters.asMap().values()) {
            NDArray mi = p.zerosLike();
            NDArray vi = p.zerosLike();
            NDScope.unregister(mi, vi);
            m.add(mi);
            v.add(vi);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double learningRate(long step) {
        return lr.at(step - stepOffset);
    }

    @Override
    public LossValues step(LossClosure closure, long step) {
        LossValues values = closure.evaluate();
        t++;
        double rate = learningRate(step);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        List<NDArray> arrays = new ArrayList<>(parameters.asMap().values());
        FusedOps.adamUpdate(arrays, m, v, beta1, beta2, c2, eps, rate / c1, weightDecay);
        return values;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(t);
        out.writeInt(m.size());
        for (int i = 0; i < m.size(); i++) {
            Parameters.writeArray(out, m.get(i));
            Parameters.writeArray(out, v.get(i));
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        t = in.readLong();
        int n = in.readInt();
        if (n != m.size()) {
            throw new IOException("Adam state has " + n + " moment pairs, the model has " + m.size() + " parameter arrays");
        }
        for (int i = 0; i < n; i++) {
            Parameters.readArray(in, m.get(i));
            Parameters.readArray(in, v.get(i));
        }
    }

    /** Builder: {@code setParameters} required; {@code opt*} optional (PyTorch defaults). */
    public static final class Builder {
        private Parameters parameters;
        private LearningRateSchedule lr = LearningRateSchedule.constant(1e-3);
        private long stepOffset;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;

        public Builder setParameters(Parameters parameters) {
            this.parameters = parameters;
            return this;
        }

        public Builder optLearningRate(double lr) {
            return optLearningRate(LearningRateSchedule.constant(lr));
        }

        public Builder optLearningRate(LearningRateSchedule lr) {
            this.lr = lr;
            return this;
        }

        /** Global step at which this optimizer's stage starts (the schedule counts from there). */
        public Builder optStepOffset(long stepOffset) {
            this.stepOffset = stepOffset;
            return this;
        }

        public Builder optBetas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder optEpsilon(double eps) {
            this.eps = eps;
            return this;
        }

        /** L2 penalty added to the gradient, as torch.optim.Adam's {@code weight_decay}. */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Adam build() {
            if (parameters == null) {
                throw new IllegalStateException("setParameters is required");
            }
            return new Adam(this);
        }
    }
}
