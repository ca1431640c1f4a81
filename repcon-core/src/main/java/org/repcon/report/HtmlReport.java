package org.repcon.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builder for a self-contained HTML report: inline CSS, PNGs embedded as
 * {@code data:image/png;base64,...} URIs, no external resources. All text is HTML-escaped.
 *
 * <pre>{@code
 * new HtmlReport().title("burgers-pinn")
 *     .addParagraph("Physics-informed network for the viscous Burgers equation.")
 *     .addKeyValueTable("Summary", Map.of("final loss", 1.2e-4, "L2 error", 3.1e-3))
 *     .addImage("Loss curves", runDir.resolve("plots/loss.png"))
 *     .addPreformatted("Spec", yaml)
 *     .write(runDir.resolve("report.html"));
 * }</pre>
 */
public final class HtmlReport {
    private static final String CSS = String.join("\n",
            "*{box-sizing:border-box}",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;",
            "  max-width:1000px;margin:0 auto;padding:1.5rem 1rem 3rem;color:#222;line-height:1.5;background:#fff}",
            "h1{font-size:1.7rem;border-bottom:2px solid #ddd;padding-bottom:.3rem}",
            "h2{font-size:1.3rem;margin-top:2rem}h3{font-size:1.1rem}",
            "figure{margin:1.2rem 0;text-align:center}",
            "figure img{max-width:100%;height:auto;border:1px solid #eee}",
            "figcaption,caption{color:#555;font-size:.92rem;padding:.3rem 0}",
            "caption{text-align:left;font-weight:600;color:#333}",
            ".table-wrap{overflow-x:auto;margin:1rem 0}",
            "table{border-collapse:collapse;font-size:.92rem;min-width:40%}",
            "th,td{border:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}",
            "th{background:#f4f5f7}tr:nth-child(even) td{background:#fafafa}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}",
            "pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.8rem;overflow-x:auto;font-size:.85rem}",
            ".pre-caption{font-weight:600;margin:1rem 0 .2rem}");

    private String title = "Report";
    private final List<String> blocks = new ArrayList<>();

    /** Page title (HTML title and top heading). */
    public HtmlReport title(String title) {
        this.title = Objects.requireNonNull(title);
        return this;
    }

    /** Adds a second-level heading. */
    public HtmlReport addHeading(String text) {
        return addHeading(2, text);
    }

    /** Adds a heading of the given level (2 to 6; the title is level 1). */
    public HtmlReport addHeading(int level, String text) {
        int l = Math.max(2, Math.min(6, level));
        blocks.add("<h" + l + ">" + escape(text) + "</h" + l + ">");
        return this;
    }

    /** Adds a paragraph of plain text (escaped; line breaks are kept). */
    public HtmlReport addParagraph(String text) {
        blocks.add("<p>" + escape(text).replace("\n", "<br>\n") + "</p>");
        return this;
    }

    /**
     * Adds a table; numeric-looking cells are right-aligned.
     *
     * @param caption table caption (null or empty for none)
     * @param header  column headers
     * @param rows    rows of cells (shorter rows are padded)
     */
    public HtmlReport addTable(String caption, List<String> header, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder("<div class=\"table-wrap\"><table>\n");
        if (caption != null && !caption.isEmpty()) {
            sb.append("<caption>").append(escape(caption)).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (String h : header) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int c = 0; c < Math.max(header.size(), row.size()); c++) {
                String cell = c < row.size() && row.get(c) != null ? row.get(c) : "";
                sb.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(escape(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        blocks.add(sb.append("</tbody></table></div>").toString());
        return this;
    }

    /** Adds a two-column key/value table; doubles are formatted compactly, null as empty. */
    public HtmlReport addKeyValueTable(String caption, Map<String, ?> entries) {
        List<List<String>> rows = new ArrayList<>();
        entries.forEach((k, v) -> rows.add(List.of(String.valueOf(k), format(v))));
        return addTable(caption, List.of("key", "value"), rows);
    }

    /** Embeds a PNG file (read now) as a base64 data URI, with a caption. */
    public HtmlReport addImage(String caption, Path png) throws IOException {
        return addImage(caption, Files.readAllBytes(png));
    }

    /** Embeds PNG bytes as a base64 data URI, with a caption. */
    public HtmlReport addImage(String caption, byte[] png) {
        String alt = caption == null ? "" : escape(caption);
        StringBuilder sb = new StringBuilder("<figure><img alt=\"").append(alt)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png))
                .append("\">");
        if (caption != null && !caption.isEmpty()) {
            sb.append("<figcaption>").append(alt).append("</figcaption>");
        }
        blocks.add(sb.append("</figure>").toString());
        return this;
    }

    /** Embeds a rendered image (encoded as PNG). */
    public HtmlReport addImage(String caption, BufferedImage image) {
        return addImage(caption, ReportFiles.encode(image));
    }

    /** Adds preformatted text (e.g. the spec YAML), escaped, with an optional caption. */
    public HtmlReport addPreformatted(String caption, String text) {
        String cap = caption == null || caption.isEmpty() ? ""
                : "<div class=\"pre-caption\">" + escape(caption) + "</div>\n";
        blocks.add(cap + "<pre>" + escape(text) + "</pre>");
        return this;
    }

    /** @return the complete HTML document */
    public String toHtml() {
        StringBuilder sb = new StringBuilder(4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS)
                .append("\n</style>\n</head>\n<body>\n<h1>").append(escape(title)).append("</h1>\n");
        for (String b : blocks) {
            sb.append(b).append('\n');
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    /** Writes the document as UTF-8, atomically (temporary sibling file, then move); creates parent directories. */
    public void write(Path html) throws IOException {
        ReportFiles.writeAtomically(html, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    /** Escapes {@code & < > " '} for use in HTML text and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d) || d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Double.isFinite(d) ? String.valueOf((long) d) : String.valueOf(d);
            }
            double a = Math.abs(d);
            return a >= 1e-3 && a < 1e6 ? stripZeros(String.format(Locale.ROOT, "%.6g", d))
                    : String.format(Locale.ROOT, "%.4e", d);
        }
        return String.valueOf(v);
    }

    private static String stripZeros(String s) {
        return s.contains(".") && !s.contains("e") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
