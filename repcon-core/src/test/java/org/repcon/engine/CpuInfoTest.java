package org.repcon.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** /proc/cpuinfo parsing and the ISA the dispatchers pick, for the CPUs this project has met. */
class CpuInfoTest {
    private static List<String> cpuinfo(String family, String model, String flags) {
        return List.of("processor\t: 0", "vendor_id\t: AuthenticAMD", "cpu family\t: " + family, "model\t\t: " + model,
                "model name\t: AMD EPYC", "flags\t\t: " + flags, "", "processor\t: 1", "cpu family\t: 99");
    }

    @Test
    void zen5() {
        CpuInfo cpu = CpuInfo.parse(cpuinfo("26", "2", "fpu sse avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512_vnni "
                + "avx512_bf16 avx512_vbmi2 avx512_vp2intersect avx_vnni"));
        assertEquals(26, cpu.family());
        assertEquals(2, cpu.model());
        assertTrue(cpu.onednnIsa().startsWith("avx512_core_bf16"));
        assertTrue(cpu.atenCapability().startsWith("AVX512"));
        assertTrue(cpu.isAmdFamilyAtLeast(26));
        assertTrue(cpu.describe().startsWith("AMD EPYC (AuthenticAMD family 26 model 2), oneDNN ISA avx512_core_bf16"), cpu.describe());
    }

    @Test
    void zen4AndOlderCpus() {
        CpuInfo zen4 = CpuInfo.parse(cpuinfo("25", "17", "avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512_vnni avx512_bf16"));
        assertFalse(zen4.isAmdFamilyAtLeast(26));
        assertTrue(zen4.onednnIsa().startsWith("avx512_core_bf16"));
        CpuInfo avx2 = CpuInfo.parse(cpuinfo("23", "49", "avx avx2 fma"));
        assertTrue(avx2.onednnIsa().startsWith("avx2"));
        assertTrue(avx2.atenCapability().startsWith("AVX2"));
        CpuInfo sapphire = CpuInfo.parse(cpuinfo("6", "143", "avx2 fma avx512f avx512dq avx512bw avx512vl avx512_fp16 amx_tile amx_bf16 amx_int8"));
        assertTrue(sapphire.onednnIsa().startsWith("avx10_1_512_amx"));
    }

    @Test
    void anEmptyOrMissingFileGivesUnknowns() {
        CpuInfo cpu = CpuInfo.parse(List.of());
        assertEquals(-1, cpu.family());
        assertEquals("unknown", cpu.vendor());
        assertTrue(CpuInfo.current().describe().contains("family"));
    }
}
