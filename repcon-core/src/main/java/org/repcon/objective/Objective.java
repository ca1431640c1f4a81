package org.repcon.objective;

import ai.djl.ndarray.NDArray;
import org.repcon.nn.Scalars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training objective: the weighted sum of named terms, {@code L = sum_i w_i(step) * L_i(output)}.
 * Each term is a constraint or condition of the lecture (reconstruction, KL, sparsity, PDE residual, ...);
 * their unweighted values are returned separately so the trainer can log each one.
 *
 * <pre>{@code
 * Objective<PinnOutput> objective = Objective.<PinnOutput>builder()
 *         .add("mse_u", 1.0, out -> out.boundaryError().square().mean())
 *         .add("mse_f", 1.0, out -> out.residual().square().mean())
 *         .build();
 * }</pre>
 * A term whose own parameters depend on the step (not just its weight) is a {@link StepAwareTerm}:
 * {@code .add("attraction", 1.0, (out, step) -> attraction(out, widthAt(step)))}.
 *
 * @param <O> the model output type the terms read
 */
public final class Objective<O> {
    private final List<String> names;
    private final List<StepAwareTerm<O>> terms;
    private final List<WeightSchedule> weights;

    private Objective(List<String> names, List<StepAwareTerm<O>> terms, List<WeightSchedule> weights) {
        this.names = List.copyOf(names);
        this.terms = List.copyOf(terms);
        this.weights = List.copyOf(weights);
    }

    public static <O> Builder<O> builder() {
        return new Builder<>();
    }

    /** Term names in order. */
    public List<String> termNames() {
        return names;
    }

    /**
     * Evaluates every term on {@code output}.
     *
     * @param step the 0-based index of the training step (weight schedules and {@link StepAwareTerm}s read it); an error names this step
     *     as the user sees it, {@code step + 1} (the progress display and metrics.csv count completed steps)
     * @throws NonFiniteLossException naming the first term whose value is NaN or infinite
     */
    public Evaluation evaluate(O output, long step) {
        NDArray total = null;
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Double> ws = new LinkedHashMap<>();
        double totalValue = 0;
        for (int i = 0; i < terms.size(); i++) {
            double w = weights.get(i).at(step);
            NDArray t = terms.get(i).compute(output, step);
            if (t.size() != 1) {
                throw new IllegalStateException("loss term '" + names.get(i) + "' must be a scalar, got shape " + t.getShape());
            }
            double v = t.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            if (!Double.isFinite(v)) {
                throw new NonFiniteLossException(names.get(i), step + 1, v);
            }
            values.put(names.get(i), v);
            ws.put(names.get(i), w);
            totalValue += w * v;
            if (w != 0) {
                NDArray weighted = Scalars.times(t.reshape(), w); // never mul(number): see Scalars
                total = total == null ? weighted : total.add(weighted);
            }
        }
        if (!Double.isFinite(totalValue)) {
            throw new NonFiniteLossException("total (weighted sum " + ws + ")", step + 1, totalValue);
        }
        if (total == null) {
            throw new IllegalStateException("every term of the objective has weight 0 at step " + step);
        }
        return new Evaluation(total, new LossValues(values, ws, totalValue));
    }

    /** The differentiable total (for the backward pass) and the plain numbers (for logs). */
    public record Evaluation(NDArray total, LossValues values) {}

    /** Builder of an {@link Objective}. */
    public static final class Builder<O> {
        private final List<String> names = new ArrayList<>();
        private final List<StepAwareTerm<O>> terms = new ArrayList<>();
        private final List<WeightSchedule> weights = new ArrayList<>();

        /** Adds a term with a constant weight. */
        public Builder<O> add(String name, double weight, LossTerm<O> term) {
            return add(name, WeightSchedule.constant(weight), term);
        }

        /** Adds a term whose weight follows a schedule. */
        public Builder<O> add(String name, WeightSchedule weight, LossTerm<O> term) {
            return add(name, weight, (StepAwareTerm<O>) (output, step) -> term.compute(output));
        }

        /** Adds a term that reads the training step (its own schedule), with a constant weight. */
        public Builder<O> add(String name, double weight, StepAwareTerm<O> term) {
            return add(name, WeightSchedule.constant(weight), term);
        }

        /** Adds a term that reads the training step, its weight following a schedule. */
        public Builder<O> add(String name, WeightSchedule weight, StepAwareTerm<O> term) {
            if (names.contains(name)) {
                throw new IllegalArgumentException("duplicate loss term name: " + name);
            }
            if (name.isBlank() || name.contains(",")) {
                throw new IllegalArgumentException("loss term name must be non-blank and without commas: '" + name + "'");
            }
            names.add(name);
            terms.add(term);
            weights.add(weight);
            return this;
        }

        public Objective<O> build() {
            if (terms.isEmpty()) {
                throw new IllegalStateException("an objective needs at least one term");
            }
            return new Objective<>(names, terms, weights);
        }
    }
}
