package org.repcon.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.spec.Spec;

/**
 * One experiment once per seed, for headline figures with their spread ({@code repcon run NAME --seeds 3} or
 * {@code --seeds 1,2,3}): the spec under {@code run} becomes a nested run in {@code runs/<seed>/} for each seed (a
 * {@link Comparison}: resuming reuses the seeds that finished), {@code seeds.csv} has one row per seed and a column
 * per numeric metric, and this run's metrics.json holds {@code n}, the number of seeds, and for every metric that is a
 * number in each seed's metrics.json {@code <metric>_mean} = sum x_i / n and {@code <metric>_std}, the sample standard
 * deviation sqrt(sum (x_i - mean)^2 / (n - 1)) (null for one seed). Spec:
 * <pre>
 * experiment: seeds
 * seeds: [1, 2, 3]           # whole numbers >= 0 (each names its folder), each once
 * run: {experiment: hnn, ...} # the experiment's spec, without its seed
 * </pre>
 */
public final class SeedRuns implements Experiment<SeedRuns.Config> {
    /** The nested runs' complete specs, by seed (as the folder name), and the experiment they run. */
    public record Config(String experiment, Map<String, Map<String, Object>> runs) {}

    @Override
    public String name() {
        return "seeds";
    }

    @Override
    public String description() {
        return "An experiment once per seed (repcon run NAME --seeds 1,2,3): seeds.csv and the mean and sample std of "
                + "every metric";
    }

    @Override
    public String runName(Config config) {
        return config.experiment() + "-seeds";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Config configure(Spec spec) {
        List<Long> seeds = new ArrayList<>();
        if (!(spec.rawTree().get("seeds") instanceof List<?> list) || list.isEmpty()) {
            throw spec.error("seeds", "expected a list of seeds, e.g. [1, 2, 3]");
        }
        for (Object s : list) {
            if (!(s instanceof Integer || s instanceof Long)) {
                throw spec.error("seeds", "'" + s + "' is not a seed (a whole number >= 0)");
            }
            seeds.add(((Number) s).longValue());
        }
        try {
            check(seeds);
        } catch (IllegalArgumentException e) {
            throw spec.error("seeds", e.getMessage());
        }
        if (!(spec.rawTree().get("run") instanceof Map<?, ?> run) || !(run.get("experiment") instanceof String experiment)) {
            throw spec.error("run", "expected the spec of the experiment to run (a map with its experiment key)");
        }
        spec.ignore("seeds", "run");
        if (run.containsKey("seed")) {
            throw spec.error("run", "leave out its seed: the seeds are those of `seeds`");
        }
        if (experiment.equals(name())) {
            throw spec.error("run", "seeds of seeds: run the experiment itself over more seeds instead");
        }
        Map<String, Map<String, Object>> runs = new LinkedHashMap<>();
        for (long s : seeds) { // spec errors of the experiment name its own keys, as a spec file of it would
            runs.put(Long.toString(s), Comparison.variant((Map<String, Object>) run, List.of("seed=" + s)));
        }
        return new Config(experiment, runs);
    }

    @Override
    public void run(Config config, RunContext ctx) throws Exception {
        Comparison c = new Comparison("seeds.csv", "Each seed (seeds.csv)").item("seed");
        Map<String, Map<String, Object>> runs = c.run(ctx, config.runs());
        Map<String, Object> summary = summary(new ArrayList<>(runs.values()));
        summary.forEach(ctx::putMetric);
        List<String> header = new ArrayList<>(List.of("metric", "mean", "std"));
        runs.keySet().forEach(s -> header.add("seed " + s));
        List<List<String>> rows = new ArrayList<>();
        for (String key : summary.keySet()) {
            if (key.endsWith("_mean")) {
                String metric = key.substring(0, key.length() - "_mean".length());
                List<String> row = new ArrayList<>(List.of(metric, Comparison.format(summary.get(key)),
                        Comparison.format(summary.get(metric + "_std"))));
                runs.values().forEach(m -> row.add(Comparison.format(m.get(metric))));
                rows.add(row);
            }
        }
        ctx.addReportSection(r -> r.addTable("Mean and sample standard deviation over " + summary.get("n") + " seeds", header, rows));
        c.requireAllSucceeded(ctx);
    }

    /**
     * {@code n} and, for each key that is a finite number in every one of {@code runs} (in order of appearance),
     * {@code <key>_mean} and {@code <key>_std} (sample standard deviation; NaN for one run).
     */
    static Map<String, Object> summary(List<Map<String, Object>> runs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", runs.size());
        for (String key : runs.isEmpty() ? List.<String>of() : runs.get(0).keySet()) {
            double[] x = runs.stream().mapToDouble(m -> m.get(key) instanceof Number v ? v.doubleValue() : Double.NaN).toArray();
            if (Arrays.stream(x).allMatch(Double::isFinite)) {
                double mean = Arrays.stream(x).sum() / x.length;
                double squares = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum();
                out.put(key + "_mean", mean);
                out.put(key + "_std", x.length > 1 ? Math.sqrt(squares / (x.length - 1)) : Double.NaN);
            }
        }
        return out;
    }

    /**
     * The seeds of the option {@code --seeds}: a number N >= 1 gives N seeds from {@code specSeed} on (the spec's seed
     * and the next N - 1), a comma-separated list gives those seeds.
     *
     * @throws IllegalArgumentException naming the option's value and what is wrong with it
     */
    public static List<Long> parse(String option, long specSeed) {
        String what = "--seeds " + option + ": ";
        List<Long> seeds = new ArrayList<>();
        if (!option.contains(",")) {
            long n;
            try {
                n = Long.parseLong(option.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + "expected a number of seeds (e.g. --seeds 3: the spec's seed and the "
                        + "next two) or a comma-separated list of seeds (e.g. --seeds 1,2,3)");
            }
            if (n < 1 || n > 1000) {
                throw new IllegalArgumentException(what + "the number of seeds must be between 1 and 1000");
            }
            for (long i = 0; i < n; i++) {
                seeds.add(specSeed + i);
            }
        } else {
            for (String s : option.split(",", -1)) {
                try {
                    seeds.add(Long.parseLong(s.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(what + "'" + s.strip() + "' is not a seed (a whole number >= 0)");
                }
            }
        }
        try {
            check(seeds);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + e.getMessage(), e);
        }
        return seeds;
    }

    /** Each seed >= 0 (it names a folder) and listed once. */
    private static void check(List<Long> seeds) {
        for (int i = 0; i < seeds.size(); i++) {
            if (seeds.get(i) < 0) {
                throw new IllegalArgumentException("seed " + seeds.get(i) + " is negative (a seed names its run's folder: "
                        + "use whole numbers >= 0)");
            }
            if (seeds.subList(0, i).contains(seeds.get(i))) {
                throw new IllegalArgumentException("seed " + seeds.get(i) + " is listed twice");
            }
        }
    }

    /**
     * The spec of a run over {@code seeds} of the experiment spec {@code tree} (its own seed is dropped, its threads
     * kept for the whole run).
     */
    public static Map<String, Object> spec(Map<String, Object> tree, List<Long> seeds) {
        Map<String, Object> run = new LinkedHashMap<>(tree);
        run.remove("seed");
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("experiment", "seeds");
        if (run.containsKey("threads")) {
            spec.put("threads", run.get("threads"));
        }
        spec.put("description", run.get("experiment") + " over seeds " + String.join(", ", seeds.stream().map(String::valueOf).toList()));
        spec.put("seeds", seeds);
        spec.put("run", run);
        return spec;
    }
}
