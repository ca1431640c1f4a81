package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path tmp;

    @Test
    void embedsPngBytesAndEscapesText() throws Exception {
        Path png = tmp.resolve("plots/line.png");
        new LinePlot().addLine("a", new double[] {0, 1}, new double[] {1, 2}).size(300, 200).savePng(png);
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("loss", 1.25e-4);
        kv.put("epochs", 10);
        kv.put("none", null);
        Path html = tmp.resolve("run/report.html");
        new HtmlReport().title("Run <1>")
                .addHeading("Results & more")
                .addParagraph("<script>alert('x')</script>")
                .addTable("t", List.of("name", "value"), List.of(List.of("a<b", "1.5"), List.of("c")))
                .addKeyValueTable("Summary", kv)
                .addImage("Loss \"curve\"", png)
                .addPreformatted("Spec", "model:\n  layers: [20, 20]\n  note: <b>bold</b>")
                .write(html);
        String s = Files.readString(html);
        assertTrue(s.startsWith("<!DOCTYPE html>"));
        assertFalse(s.contains("<script>"));
        assertTrue(s.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(s.contains("Results &amp; more"));
        assertTrue(s.contains("&lt;b&gt;bold&lt;/b&gt;"));
        assertTrue(s.contains("1.2500e-04"));
        assertFalse(s.contains("http://") || s.contains("https://"), "no external resources");
        Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(s);
        assertTrue(m.find());
        assertArrayEquals(Files.readAllBytes(png), Base64.getDecoder().decode(m.group(1)));
        try (var files = Files.list(html.getParent())) {
            assertEquals(1, files.count(), "no temp files left behind");
        }
    }
}
