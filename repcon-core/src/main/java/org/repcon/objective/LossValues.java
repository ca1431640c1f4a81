package org.repcon.objective;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain numbers of one evaluation of an {@link Objective}: each term's unweighted value, its weight, and the
 * weighted total {@code sum_i w_i * term_i}.
 */
public record LossValues(Map<String, Double> terms, Map<String, Double> weights, double total) {
    public LossValues {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** Unweighted value of {@code term}. */
    public double term(String term) {
        Double v = terms.get(term);
        if (v == null) {
            throw new IllegalArgumentException("no term " + term + "; terms are " + terms.keySet());
        }
        return v;
    }
}
