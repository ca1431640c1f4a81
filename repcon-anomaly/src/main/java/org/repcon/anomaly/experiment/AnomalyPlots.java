package org.repcon.anomaly.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.repcon.data.ImageSet;
import org.repcon.evaluation.roc.RocCurve;
import org.repcon.experiment.RunContext;
import org.repcon.report.ImageGrid;
import org.repcon.report.LinePlot;

/** The report's pictures: ROC curves per score, score histograms normal vs anomalous, the extreme test images. */
final class AnomalyPlots {
    private static final int BINS = 30;

    private AnomalyPlots() {}

    /** One plot per score: the ROC curve of every class. */
    static void rocCurves(RunContext ctx, List<ClassScores> classes, List<String> names) throws IOException {
        for (String name : names) {
            LinePlot plot = new LinePlot().title("ROC, " + name).xLabel("false-alarm rate").yLabel("detection rate").size(520, 420);
            for (ClassScores cs : classes) {
                double[][] na = cs.split(name);
                RocCurve roc = RocCurve.of(na[0], na[1]);
                plot.addLine("class " + cs.normalClass(), roc.falseAlarm(), roc.detection());
            }
            plot.addLine("chance", new double[] {0, 1}, new double[] {0, 1});
            Path png = ctx.plot("roc-" + name + ".png");
            plot.savePng(png);
            ctx.addPlot("ROC curves of " + name + ", one per normal class (test images)", png);
        }
    }

    /**
     * Histograms (fraction of images per bin, 30 bins between the 0.5% and 99.5% quantiles of the pooled scores) of the
     * normal and the anomalous test images and the normal validation images, for every score, of each class; the report
     * shows the first class's, the others are in plots/.
     */
    static void histograms(RunContext ctx, List<ClassScores> classes, List<String> names) throws IOException {
        for (ClassScores cs : classes) {
            for (String name : names) {
                double[][] na = cs.split(name);
                double[] pooled = IntStream.range(0, 2).mapToObj(i -> na[i]).flatMapToDouble(Arrays::stream).sorted().toArray();
                double lo = pooled[(int) Math.floor(0.005 * (pooled.length - 1))];
                double hi = pooled[(int) Math.ceil(0.995 * (pooled.length - 1))];
                if (!(hi > lo)) {
                    hi = lo + 1;
                }
                double[] centres = new double[BINS];
                for (int b = 0; b < BINS; b++) {
                    centres[b] = lo + (b + 0.5) * (hi - lo) / BINS;
                }
                LinePlot plot = new LinePlot().title(name + ", normal class " + cs.normalClass()).xLabel(name).yLabel("fraction of images")
                        .size(520, 360);
                plot.addLine("normal (test)", centres, histogram(na[0], lo, hi));
                plot.addLine("anomalous (test)", centres, histogram(na[1], lo, hi));
                if (cs.validation().containsKey(name)) {
                    plot.addLine("normal (validation)", centres, histogram(cs.validation().get(name), lo, hi));
                }
                Path png = ctx.plot("hist-class" + cs.normalClass() + "-" + name + ".png");
                plot.savePng(png);
                if (cs == classes.get(0)) {
                    ctx.addPlot("Histogram of " + name + " for normal class " + cs.normalClass() + " (scores outside the 0.5-99.5% range "
                            + "counted in the end bins; the other classes: plots/hist-class*-" + name + ".png)", png);
                }
            }
        }
    }

    static double[] histogram(double[] s, double lo, double hi) {
        double[] h = new double[BINS];
        for (double v : s) {
            int b = (int) Math.floor((v - lo) / (hi - lo) * BINS);
            h[Math.max(0, Math.min(BINS - 1, b))] += 1.0 / s.length;
        }
        return h;
    }

    /** A row per class: the {@code k} most anomalous test images by {@code score}, then the {@code k} least anomalous. */
    static void extremes(RunContext ctx, List<ClassScores> classes, String score, ImageSet test, int k) throws IOException {
        int shown = Math.min(k, test.size());
        ImageGrid grid = new ImageGrid().columns(2 * shown).scale(2).title("most anomalous | least anomalous test images by " + score
                + " (caption: true class)");
        for (ClassScores cs : classes) {
            double[] s = cs.test().get(score);
            Integer[] order = IntStream.range(0, s.length).boxed().toArray(Integer[]::new);
            Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
            for (int j = 0; j < shown; j++) {
                int i = order[j];
                grid.add(tile(test, i), (j == 0 ? "c" + cs.normalClass() + ": " : "") + test.labels()[i]);
            }
            for (int j = 0; j < shown; j++) {
                int i = order[s.length - 1 - j];
                grid.add(tile(test, i), String.valueOf(test.labels()[i]));
            }
        }
        Path png = ctx.plot("extremes-" + score + ".png");
        grid.savePng(png);
        ctx.addPlot(String.format(Locale.ROOT, "Per normal class (a row each): the %d most anomalous test images by %s (left, most "
                + "anomalous first) and the %d least anomalous (right, least first); captions are the true classes", shown, score, shown), png);
    }

    private static double[][] tile(ImageSet images, int i) {
        int h = images.height();
        int w = images.width();
        double[][] t = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                t[y][x] = images.pixels()[i * images.imageSize() + y * w + x];
            }
        }
        return t;
    }
}
