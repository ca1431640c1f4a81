package org.repcon.anomaly.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.repcon.evaluation.roc.AlarmThreshold;
import org.repcon.experiment.RunContext;

/**
 * What an alarm threshold set on the validation images at a stated false-alarm rate alpha
 * ({@link AlarmThreshold}: the (1 - alpha) quantile of the normal class's validation scores) gives on the test images:
 * the false-alarm rate on the normal test images and the detection rate on the anomalous ones, per class and score,
 * for every score that has validation scores; their means over the classes.
 */
final class AlarmRates {
    private AlarmRates() {}

    static void put(RunContext ctx, List<ClassScores> classes, List<String> names, double alpha) {
        Map<String, double[]> means = new LinkedHashMap<>();
        for (ClassScores cs : classes) {
            for (String name : names) {
                double[] validation = cs.validation().get(name);
                if (validation == null) {
                    continue;
                }
                double[][] na = cs.split(name);
                AlarmThreshold.Rates r = AlarmThreshold.at(validation, alpha).rates(na[0], na[1]);
                ctx.putMetric("false_alarm_" + name + "_class" + cs.normalClass(), r.falseAlarm());
                ctx.putMetric("detection_" + name + "_class" + cs.normalClass(), r.detection());
                double[] m = means.computeIfAbsent(name, x -> new double[3]);
                m[0] += r.falseAlarm();
                m[1] += r.detection();
                m[2] += 1;
            }
        }
        List<List<String>> rows = new ArrayList<>();
        means.forEach((name, m) -> {
            ctx.putMetric("false_alarm_" + name + "_mean", m[0] / m[2]);
            ctx.putMetric("detection_" + name + "_mean", m[1] / m[2]);
            rows.add(List.of(name, String.format(Locale.ROOT, "%.3f", m[0] / m[2]), String.format(Locale.ROOT, "%.3f", m[1] / m[2])));
        });
        ctx.putMetric("false_alarm_rate", alpha);
        ctx.addReportSection(r -> r.addTable(String.format(Locale.ROOT, "Thresholds at a %.0f%% false-alarm rate on the validation images "
                + "of the normal class, applied to the test images (mean over classes)", 100 * alpha), List.of("score", "test false-alarm rate",
                "test detection rate"), rows));
    }
}
