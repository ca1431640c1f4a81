package org.repcon.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Experiments found on the class path through {@link ServiceLoader} ({@code META-INF/services/org.repcon.experiment.Experiment}). */
public final class ExperimentRegistry {
    private ExperimentRegistry() {}

    /** All experiments, by name. */
    @SuppressWarnings("rawtypes")
    public static List<Experiment<?>> all() {
        List<Experiment<?>> list = new ArrayList<>();
        for (Experiment e : ServiceLoader.load(Experiment.class)) {
            list.add(e);
        }
        list.sort(Comparator.comparing(Experiment::name));
        return list;
    }

    /** The experiment called {@code name}, or an exception listing the known ones. */
    public static Experiment<?> get(String name) {
        for (Experiment<?> e : all()) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown experiment \"" + name + "\"; known: "
                + all().stream().map(Experiment::name).toList());
    }
}
