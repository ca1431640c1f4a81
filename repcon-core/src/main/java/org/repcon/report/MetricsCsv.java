package org.repcon.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a numeric {@code metrics.csv} (header line, then comma-separated numbers) into columns.
 *
 * <p>Empty, missing or unparseable cells become NaN; {@code nan}, {@code inf} and {@code -inf}
 * (any case) are understood. Blank lines are skipped; surrounding double quotes and whitespace are
 * stripped. Column order follows the header.
 */
public final class MetricsCsv {
    private MetricsCsv() {
    }

    /**
     * @param csv path of the file
     * @return column name to values (insertion-ordered, all arrays of equal length)
     * @throws IOException if the file cannot be read
     */
    public static Map<String, double[]> read(Path csv) throws IOException {
        return read(csv, null);
    }

    /**
     * Like {@link #read(Path)}, but only the rows whose {@code stage} cell (a text column, NaN in {@link #read(Path)})
     * is {@code stage}, or all rows if it is null; no rows if there is no such column.
     */
    public static Map<String, double[]> read(Path csv, String stage) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return read(r, stage);
        }
    }

    /** Parses CSV text; see {@link #read(Path)}. */
    public static Map<String, double[]> parse(String text) {
        try {
            return read(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen for a StringReader
        }
    }

    /** Reads CSV from a reader (not closed); see {@link #read(Path)}. */
    public static Map<String, double[]> read(Reader reader) throws IOException {
        return read(reader, null);
    }

    /**
     * The loss curves of a training's metrics.csv ({@code step, stage, lr, <terms>, total, wall_seconds, ...}):
     * {@code step}, then every column after {@code lr} up to {@code wall_seconds}.
     */
    public static Map<String, double[]> lossTerms(Map<String, double[]> columns) {
        Map<String, double[]> losses = new LinkedHashMap<>();
        boolean inTerms = false;
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            if (e.getKey().equals("wall_seconds")) {
                break;
            }
            if (inTerms || e.getKey().equals("step")) {
                losses.put(e.getKey(), e.getValue());
            }
            inTerms |= e.getKey().equals("lr");
        }
        return losses;
    }

    private static Map<String, double[]> read(Reader reader, String stage) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String line;
        String[] header = null;
        int stageColumn = -1;
        List<double[]> rows = new ArrayList<>();
        while ((line = r.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (header == null) {
                header = new String[cells.length];
                for (int c = 0; c < cells.length; c++) {
                    header[c] = unquote(cells[c]);
                    if (c == 0 && header[c].startsWith("\uFEFF")) {
                        header[c] = header[c].substring(1);
                    }
                }
                stageColumn = Arrays.asList(header).indexOf("stage");
                continue;
            }
            if (stage != null && (stageColumn < 0 || stageColumn >= cells.length
                    || !unquote(cells[stageColumn]).equals(stage))) {
                continue;
            }
            double[] row = new double[header.length];
            Arrays.fill(row, Double.NaN);
            for (int c = 0; c < Math.min(cells.length, header.length); c++) {
                row[c] = number(unquote(cells[c]));
            }
            rows.add(row);
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        if (header == null) {
            return out;
        }
        for (int c = 0; c < header.length; c++) {
            double[] col = new double[rows.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = rows.get(i)[c];
            }
            String name = header[c].isEmpty() ? "column" + c : header[c];
            while (out.containsKey(name)) {
                name = name + "_";
            }
            out.put(name, col);
        }
        return out;
    }

    private static String unquote(String s) {
        s = s.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }

    private static double number(String s) {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
        }
    }
}
