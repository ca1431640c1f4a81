package org.repcon.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path tmp;

    private static final String SAMPLE = String.join("\n",
            "step,loss_pde,loss_ic,total,wall_seconds,lr",
            "0,1.5,0.5,2.0,0.01,1e-3",
            "10,0.5,,0.6,0.20,",
            "",
            "20,nan,0.01,0.1,0.40",
            "30,0,-1,inf,0.61,1e-4",
            "");

    @Test
    void readsTheRowsOfOneStageAndTheLossTerms() throws Exception {
        Path csv = tmp.resolve("staged.csv");
        Files.writeString(csv, String.join("\n",
                "step,stage,lr,mse_u,mse_f,total,wall_seconds,rel_l2_error",
                "0,adam,1e-3,1,2,3,0.1,0.5",
                "1,adam,1e-3,0.5,1,1.5,0.2,0.4",
                "2,lbfgs,1,0.25,0.5,0.75,0.5,0.3",
                ""));
        Map<String, double[]> adam = MetricsCsv.read(csv, "adam");
        assertArrayEquals(new double[] {0, 1}, adam.get("step"));
        assertArrayEquals(new double[] {0.1, 0.2}, adam.get("wall_seconds"));
        assertArrayEquals(new double[] {2}, MetricsCsv.read(csv, "lbfgs").get("step"));
        assertEquals(0, MetricsCsv.read(csv, "sgd").get("step").length);
        assertEquals(List.of("step", "mse_u", "mse_f", "total"),
                List.copyOf(MetricsCsv.lossTerms(MetricsCsv.read(csv)).keySet()));
    }

    @Test
    void parsesColumnsWithEmptyCellsAsNaN() throws Exception {
        Path csv = tmp.resolve("metrics.csv");
        Files.writeString(csv, SAMPLE);
        Map<String, double[]> cols = MetricsCsv.read(csv);
        assertEquals(List.of("step", "loss_pde", "loss_ic", "total", "wall_seconds", "lr"), List.copyOf(cols.keySet()));
        assertArrayEquals(new double[] {0, 10, 20, 30}, cols.get("step"));
        assertTrue(Double.isNaN(cols.get("loss_ic")[1]));
        assertTrue(Double.isNaN(cols.get("loss_pde")[2]));
        assertTrue(Double.isNaN(cols.get("lr")[2]), "missing trailing cell");
        assertEquals(Double.POSITIVE_INFINITY, cols.get("total")[3]);
        assertEquals(1e-4, cols.get("lr")[3]);
        assertTrue(MetricsCsv.parse("").isEmpty());
    }

    @Test
    void lossCurvesPlotWithZerosAndNaN() throws Exception {
        Path png = tmp.resolve("plots/loss.png");
        LossCurves.plot(MetricsCsv.parse(SAMPLE), png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
    }
}
