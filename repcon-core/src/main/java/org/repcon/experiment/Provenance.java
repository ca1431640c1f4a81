package org.repcon.experiment;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.engine.Engines;

/**
 * Where a result came from (as in Tribuo): repcon, DJL and PyTorch versions, Java, machine, seed, threads,
 * the spec's SHA-256, start and end times, every resume, and a description of the data, so a run can be
 * replayed and audited. Stored as {@code provenance.json}.
 */
public final class Provenance {
    private final Map<String, Object> values;

    private Provenance(Map<String, Object> values) {
        this.values = values;
    }

    /** A new run's provenance. */
    public static Provenance start(String experiment, long seed, int threads, String specYaml, List<String> commandLine) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("experiment", experiment);
        v.put("repcon_version", Engines.repconVersion());
        v.put("djl_version", Engines.djlVersion());
        v.put("pytorch_version", Engines.pytorchVersion());
        v.put("java_version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        v.put("cpu", org.repcon.engine.CpuInfo.current().modelName());
        v.put("cores", Runtime.getRuntime().availableProcessors());
        v.put("host", hostName());
        v.put("seed", seed);
        v.put("threads", Engines.threads());
        v.put("threads_requested", threads);
        v.put("hardware", Engines.hardware());
        v.put("spec_sha256", sha256(specYaml));
        v.put("command_line", commandLine);
        v.put("started", Instant.now().toString());
        v.put("ended", null);
        v.put("resumes", new ArrayList<>());
        v.put("data", new LinkedHashMap<String, Object>());
        return new Provenance(v);
    }

    /** Reads a run's provenance to continue it. */
    public static Provenance read(Path file) throws IOException {
        return new Provenance(RunDirectory.readJson(file));
    }

    /** Records a resume of the run. */
    @SuppressWarnings("unchecked")
    public void addResume(long fromStep) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("at", Instant.now().toString());
        r.put("from_step", fromStep);
        r.put("host", hostName());
        r.put("repcon_version", Engines.repconVersion());
        r.put("hardware", Engines.hardware());
        ((List<Object>) values.computeIfAbsent("resumes", k -> new ArrayList<>())).add(r);
    }

    /** Describes the data (source, sizes, seeds) under {@code data}. */
    @SuppressWarnings("unchecked")
    public void putData(String key, Object value) {
        ((Map<String, Object>) values.computeIfAbsent("data", k -> new LinkedHashMap<>())).put(key, value);
    }

    public void markEnded() {
        values.put("ended", Instant.now().toString());
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public void write(Path file) throws IOException {
        RunDirectory.writeJson(file, values);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
