package org.repcon.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.repcon.derivatives.Coordinates;
import org.repcon.derivatives.Jet;

/**
 * A dense network {@code in -> hidden... -> out}: every hidden layer is {@code f(h W + b)}, the output layer
 * is linear. Parameters are named {@code <prefix>.layer<i>.weight} ([fanIn, fanOut]) and
 * {@code <prefix>.layer<i>.bias} ([fanOut]).
 *
 * <pre>{@code
 * Mlp net = Mlp.builder().setInputs(2).setOutputs(1).optHiddenLayers(20, 8)
 *         .optActivation(Activation.TANH).optSeed(1234).build(parameters);
 * NDArray u = net.forward(tx);                                // [N, 1]
 * Jet jet = net.jet(tx, Coordinates.of("t", "x").withSecond("x", "x"));
 * }</pre>
 */
public final class Mlp {
    private final List<NDArray> weights;
    private final List<NDArray> biases;
    private final Activation activation;
    private final int inputs;
    private final int outputs;
    private final double[] inputScale;
    private final double[] inputShift;

    private Mlp(List<NDArray> weights, List<NDArray> biases, Activation activation, int inputs, int outputs,
            double[] inputScale, double[] inputShift) {
        this.inputScale = inputScale;
        this.inputShift = inputShift;
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Output [N, outputs] for input [N, inputs]. */
    public NDArray forward(NDArray x) {
        NDArray h = x;
        if (inputScale != null) {
            h = h.mul(constant(h, inputScale)).add(constant(h, inputShift));
        }
        int last = weights.size() - 1;
        for (int i = 0; i <= last; i++) {
            h = h.matMul(weights.get(i));
            if (biases.get(i) != null) {
                h = h.add(biases.get(i));
            }
            if (i < last) {
                h = activation.apply(h);
            }
        }
        return h;
    }

    /** Output with its derivatives with respect to the inputs, by forward-mode propagation. */
    public Jet jet(NDArray x, Coordinates coordinates) {
        if (coordinates.size() != inputs) {
            throw new IllegalArgumentException("network has " + inputs + " inputs but coordinates are " + coordinates.names());
        }
        Jet jet = Jet.ofInputs(x, coordinates);
        if (inputScale != null) {
            jet = jet.affine(constant(x, inputScale), constant(x, inputShift));
        }
        int last = weights.size() - 1;
        for (int i = 0; i <= last; i++) {
            jet = jet.dense(weights.get(i), biases.get(i));
            if (i < last) {
                jet = jet.activate(activation);
            }
        }
        return jet;
    }

    private static NDArray constant(NDArray like, double[] values) {
        return Scalars.owned(like.getManager().create(values), like.getDataType());
    }

    public int inputs() {
        return inputs;
    }

    public int outputs() {
        return outputs;
    }

    public Activation activation() {
        return activation;
    }

    /** Builder: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private int inputs = -1;
        private int outputs = -1;
        private int[] hidden = {20, 20};
        private Activation activation = Activation.TANH;
        private Initializer initializer = Initializer.XAVIER_NORMAL;
        private long seed = 0;
        private boolean outputBias = true;
        private String prefix = "mlp";
        private double[] lower;
        private double[] upper;

        public Builder setInputs(int inputs) {
            this.inputs = inputs;
            return this;
        }

        public Builder setOutputs(int outputs) {
            this.outputs = outputs;
            return this;
        }

        /** Hidden widths, e.g. {@code {200, 200}}. */
        public Builder optHidden(int... widths) {
            this.hidden = widths.clone();
            return this;
        }

        /**
         * {@code depth} hidden layers of {@code width} units. (Named apart from {@link #optHidden(int...)} so
         * that {@code optHidden(200, 200)} means two layers of 200, never 200 layers.)
         */
        public Builder optHiddenLayers(int width, int depth) {
            int[] w = new int[depth];
            java.util.Arrays.fill(w, width);
            return optHidden(w);
        }

        public Builder optActivation(Activation activation) {
            this.activation = activation;
            return this;
        }

        public Builder optInitializer(Initializer initializer) {
            this.initializer = initializer;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder optOutputBias(boolean outputBias) {
            this.outputBias = outputBias;
            return this;
        }

        /**
         * Normalise each input from [lower_i, upper_i] to [-1, 1] before the first layer (as in Raissi et al.);
         * derivatives are still taken with respect to the original inputs.
         */
        public Builder optInputRange(double[] lower, double[] upper) {
            if (lower.length != upper.length) {
                throw new IllegalArgumentException("lower and upper bounds differ in length");
            }
            for (int i = 0; i < lower.length; i++) {
                if (!(upper[i] > lower[i])) {
                    throw new IllegalArgumentException("input range " + i + " is empty: [" + lower[i] + ", " + upper[i] + "]");
                }
            }
            this.lower = lower.clone();
            this.upper = upper.clone();
            return this;
        }

        /** Name prefix of the parameters (to hold several networks in one {@link Parameters}). */
        public Builder optName(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Creates the weights in {@code parameters}. */
        public Mlp build(Parameters parameters) {
            if (inputs <= 0 || outputs <= 0) {
                throw new IllegalStateException("setInputs and setOutputs are required (positive)");
            }
            for (int w : hidden) {
                if (w <= 0) {
                    throw new IllegalStateException("hidden widths must be positive");
                }
            }
            if (lower != null && lower.length != inputs) { // checked before any parameter is added
                throw new IllegalStateException("input range has " + lower.length + " entries for " + inputs + " inputs");
            }
            Random rng = new Random(seed);
            List<NDArray> ws = new ArrayList<>();
            List<NDArray> bs = new ArrayList<>();
            int fanIn = inputs;
            for (int i = 0; i <= hidden.length; i++) {
                boolean last = i == hidden.length;
                int fanOut = last ? outputs : hidden[i];
                String name = prefix + ".layer" + i;
                ws.add(parameters.add(name + ".weight", new Shape(fanIn, fanOut), initializer.weights(fanIn, fanOut, rng)));
                bs.add(last && !outputBias ? null : parameters.add(name + ".bias", new Shape(fanOut), new double[fanOut]));
                fanIn = fanOut;
            }
            double[] scale = null;
            double[] shift = null;
            if (lower != null) {
                scale = new double[inputs];
                shift = new double[inputs];
                for (int i = 0; i < inputs; i++) {
                    scale[i] = 2 / (upper[i] - lower[i]);
                    shift[i] = -1 - lower[i] * scale[i];
                }
            }
            return new Mlp(ws, bs, activation, inputs, outputs, scale, shift);
        }
    }
}
