package org.repcon.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.repcon.engine.Engines;
import org.repcon.engine.KernelCheck;
import org.repcon.engine.KernelSafety;
import org.repcon.io.AtomicFiles;
import org.repcon.nn.layers.ConvolutionBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon doctor}: checks every float32 layer of the examples on this CPU against a float64 reference, with
 * both convolution backends and several thread counts, many times over (a fault that comes and goes shows up as
 * an error in some repeats or as results that vary between repeats), and prints which backend runs use.
 */
@Command(name = "doctor", description = "Check this CPU's float32 kernels layer by layer (forward and backward, at the examples' "
        + "shapes) against float64, and show which convolution repcon uses here. Exit 1 if the one in use computes wrongly.")
final class DoctorCommand implements Callable<Integer> {
    @Option(names = "--repeats", paramLabel = "N", description = "runs of each layer (default ${DEFAULT-VALUE})")
    int repeats = 20;

    @Option(names = "--threads", split = ",", paramLabel = "T", description = "libtorch thread counts to try (default 1,2)")
    List<Integer> threads = List.of(1, 2);

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || threads.stream().anyMatch(t -> t < 1)) {
            System.err.println("error: --repeats and --threads must be positive");
            return 2;
        }
        Engines.start();
        System.out.println(Engines.describe());
        List<KernelCheck.Case> cases = new ArrayList<>(KernelCheck.autoencoderLayers());
        cases.addAll(KernelCheck.trackerLayers());
        List<Map<String, Object>> rows = new ArrayList<>();
        int defaultThreads = Engines.threads();
        try {
            for (int t : threads) {
                Engines.setThreads(t);
                for (ConvolutionBackend backend : ConvolutionBackend.values()) {
                    KernelCheck.Report report = KernelCheck.run(cases, backend, repeats, 20261207L);
                    System.out.println();
                    System.out.print(report.table());
                    for (KernelCheck.Result r : report.results()) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("threads", t);
                        row.put("convolution", backend.name().toLowerCase(java.util.Locale.ROOT));
                        row.put("case", r.name());
                        row.put("shapes", r.shapes());
                        row.put("forward_error", r.forwardError());
                        row.put("backward_error", r.backwardError());
                        row.put("non_finite", r.nonFinite());
                        row.put("varies_between_repeats", r.variesBetweenRepeats());
                        row.put("repeats", r.repeats());
                        row.put("ms_per_repeat", r.millisPerRepeat());
                        row.put("passed", r.passed());
                        rows.add(row);
                    }
                }
            }
        } finally {
            Engines.setThreads(defaultThreads);
        }
        KernelSafety.Decision decision = KernelSafety.decision();
        String used = decision.convolution().name().toLowerCase(java.util.Locale.ROOT);
        boolean usedPasses = rows.stream().filter(r -> used.equals(r.get("convolution"))).allMatch(r -> (Boolean) r.get("passed"));
        System.out.println();
        System.out.println("float32 convolutions in runs here use: " + decision.describe());
        System.out.println(usedPasses ? "verdict: every layer computes correctly with the convolution in use"
                : "verdict: WRONG results with the convolution in use; train with training.dtype: float64 and report this table");
        if (json != null) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("engine", Engines.describe());
            doc.put("convolution_in_use", decision.describe());
            doc.put("tolerance", KernelCheck.TOLERANCE);
            doc.put("results", rows);
            AtomicFiles.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
                    .getBytes(StandardCharsets.UTF_8));
            System.out.println("results: " + json);
        }
        return usedPasses ? 0 : 1;
    }
}
