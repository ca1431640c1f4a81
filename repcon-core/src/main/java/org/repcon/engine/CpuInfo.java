package org.repcon.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor a result was computed on, read from {@code /proc/cpuinfo}, and the instruction sets libtorch's
 * two CPU dispatchers pick on it: oneDNN's ISA (convolutions in float32) and ATen's CPU capability (element-wise
 * ops and reductions). Both are derived from the CPU flags by the dispatchers' rules and honour their environment
 * caps ({@code DNNL_MAX_CPU_ISA}, {@code ATEN_CPU_CAPABILITY}); libtorch does not report them through DJL.
 *
 * @param vendor e.g. {@code AuthenticAMD}
 * @param modelName e.g. {@code AMD EPYC 9B14}
 * @param family CPU family (AMD Zen 4: 25, Zen 5: 26), -1 if unknown
 * @param model model number, -1 if unknown
 * @param flags the kernel's CPU flags
 */
public record CpuInfo(String vendor, String modelName, int family, int model, Set<String> flags) {

    /** This machine's processor, read once per process ("unknown" fields where {@code /proc/cpuinfo} is missing). */
    public static CpuInfo current() {
        return Current.CPU;
    }

    private static final class Current {
        static final CpuInfo CPU = read();

        private static CpuInfo read() {
            try {
                return parse(Files.readAllLines(Path.of("/proc/cpuinfo")));
            } catch (IOException | RuntimeException e) {
                return new CpuInfo("unknown", System.getProperty("os.arch", "unknown"), -1, -1, Set.of());
            }
        }
    }

    /** Parses the first processor of a {@code /proc/cpuinfo} text. */
    public static CpuInfo parse(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() && !fields.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        Set<String> flags = new TreeSet<>(Arrays.asList(fields.getOrDefault("flags", "").split("\\s+")));
        flags.remove("");
        return new CpuInfo(fields.getOrDefault("vendor_id", "unknown"), fields.getOrDefault("model name", "unknown"),
                integer(fields.get("cpu family")), integer(fields.get("model")), flags);
    }

    private static int integer(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private boolean has(String... names) {
        return Arrays.stream(names).allMatch(flags::contains);
    }

    private boolean avx512Core() {
        return has("avx512f", "avx512bw", "avx512vl", "avx512dq");
    }

    /**
     * The ISA oneDNN (3.x) dispatches to on these flags, e.g. {@code avx512_core_bf16}, capped by
     * {@code DNNL_MAX_CPU_ISA} / {@code ONEDNN_MAX_CPU_ISA} when set.
     */
    public String onednnIsa() {
        String isa;
        if (avx512Core() && has("amx_tile", "amx_bf16", "amx_int8")) {
            isa = has("avx512_fp16") ? "avx10_1_512_amx" : "avx512_core_amx";
        } else if (avx512Core() && has("avx512_fp16")) {
            isa = "avx10_1_512";
        } else if (avx512Core() && has("avx512_bf16")) {
            isa = "avx512_core_bf16";
        } else if (avx512Core() && has("avx512_vnni")) {
            isa = "avx512_core_vnni";
        } else if (avx512Core()) {
            isa = "avx512_core";
        } else if (has("avx2", "avx_vnni")) {
            isa = "avx2_vnni";
        } else if (has("avx2")) {
            isa = "avx2";
        } else if (has("avx")) {
            isa = "avx";
        } else {
            isa = "sse41";
        }
        String cap = environment("DNNL_MAX_CPU_ISA", "ONEDNN_MAX_CPU_ISA");
        return cap == null ? isa : isa + " (capped by " + cap + ")";
    }

    /** ATen's CPU capability on these flags ({@code AVX512}, {@code AVX2} or {@code DEFAULT}), or its env cap. */
    public String atenCapability() {
        String capability = avx512Core() && has("fma") ? "AVX512" : has("avx2", "fma") ? "AVX2" : "DEFAULT";
        String cap = environment("ATEN_CPU_CAPABILITY");
        return cap == null ? capability : capability + " (capped by ATEN_CPU_CAPABILITY=" + cap + ")";
    }

    private static String environment(String... names) {
        for (String n : names) {
            String v = System.getenv(n);
            if (v != null && !v.isBlank()) {
                return n + "=" + v;
            }
        }
        return null;
    }

    /** AMD Zen 5 (family 26, 0x1A) and later AMD families: see {@link KernelSafety} for why it matters. */
    public boolean isAmdFamilyAtLeast(int minFamily) {
        return "AuthenticAMD".equals(vendor) && family >= minFamily;
    }

    /** One line: {@code AMD EPYC (AuthenticAMD family 25 model 17), oneDNN avx512_core_bf16, ATen AVX512}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s (%s family %d model %d), oneDNN ISA %s, ATen %s", modelName, vendor, family, model,
                onednnIsa(), atenCapability());
    }
}
