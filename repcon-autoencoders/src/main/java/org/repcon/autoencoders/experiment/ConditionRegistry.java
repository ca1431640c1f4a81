package org.repcon.autoencoders.experiment;

import java.util.List;
import org.repcon.autoencoders.AutoencoderModel;
import org.repcon.autoencoders.AutoencoderOutput;
import org.repcon.conditions.AlgebraicCondition;
import org.repcon.conditions.Integrity;
import org.repcon.conditions.Sparsity;
import org.repcon.conditions.UnitSphere;
import org.repcon.objective.LossTerm;

/**
 * The conditions an autoencoder spec can add to the loss, one row each: the key under {@code conditions:} (its
 * weight, default 0 = off; also the term's name, so the metrics.csv column) and how to build the term. The
 * config reads a weight for every row and the objective adds, in this order, the term of every row with a weight
 * above 0; adding a condition is writing its class and adding its row here (see the README, "How to add a
 * condition").
 *
 * <p>The model's own terms (the VAE's {@code kl}, the VQ-VAE's {@code codebook} and {@code commitment}) are not
 * rows here: the model adds them ({@link AutoencoderModel#addOwnTerms}).
 */
public final class ConditionRegistry {
    private ConditionRegistry() {}

    /** Builds a condition's term from the spec's conditions (for options such as {@code algebraic_f}) and the model. */
    @FunctionalInterface
    public interface Factory {
        LossTerm<AutoencoderOutput> create(AutoencoderConfig.Conditions conditions, AutoencoderModel model);
    }

    /** One condition: its spec key and term name, and its factory. */
    public record Row(String name, Factory factory) {}

    private static final List<Row> ROWS = List.of(
            new Row("sparsity", (k, model) -> Sparsity.l1(AutoencoderOutput::z)),
            new Row("unit_sphere", (k, model) -> UnitSphere.penalty(AutoencoderOutput::z)),
            new Row("integrity", (k, model) -> Integrity.penalty(AutoencoderOutput::z)),
            new Row("algebraic", ConditionRegistry::algebraic));

    /** The rows, in the order their terms enter the objective. */
    public static List<Row> rows() {
        return ROWS;
    }

    /** The spec keys (and term names) of the registered conditions, in order. */
    public static List<String> names() {
        return ROWS.stream().map(Row::name).toList();
    }

    /** f(z)^2 for the built-in f of {@code algebraic_f} and {@code algebraic_c}. */
    private static LossTerm<AutoencoderOutput> algebraic(AutoencoderConfig.Conditions k, AutoencoderModel model) {
        var f = k.algebraicF() == AutoencoderConfig.AlgebraicF.CONSERVED_NORM ? AlgebraicCondition.conservedNorm(k.algebraicC())
                : AlgebraicCondition.linear(ones(ObjectiveFactory.latentValues(model)), k.algebraicC());
        return AlgebraicCondition.of(f, AutoencoderOutput::z);
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1);
        return a;
    }
}
