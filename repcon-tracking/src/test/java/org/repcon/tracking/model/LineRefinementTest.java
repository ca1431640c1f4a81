package org.repcon.tracking.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.data.GeneratedImage;
import org.repcon.tracking.data.LineRenderer;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSpec;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;

class LineRefinementTest {
    private static final LineRefinement REFINE = new LineRefinement(0.3, 1.5, 10);

    @Test
    void aCleanLineIsRecoveredFromANearbyStart() {
        Line truth = new Line(0.4, 5.0);
        float[] image = LineRenderer.render(List.of(truth), 64, 64, 0.8);
        Line start = new Line(0.43, 5.8);
        Line got = REFINE.refine(image, 64, 64, List.of(start)).get(0);
        assertEquals(truth.angle(), got.angle(), 1e-3);
        assertEquals(truth.offset(), got.offset(), 0.02);
    }

    @Test
    void crossingLinesAreRefinedEachToItsOwnTrack() {
        List<Line> truth = List.of(new Line(0.2, 3.0), new Line(1.9, -4.0));
        float[] image = LineRenderer.render(truth, 64, 64, 0.8);
        List<Line> got = REFINE.refine(image, 64, 64, List.of(new Line(0.22, 3.7), new Line(1.87, -4.6)));
        for (int k = 0; k < 2; k++) {
            assertEquals(truth.get(k).angle(), got.get(k).angle(), 2e-3);
            assertEquals(truth.get(k).offset(), got.get(k).offset(), 0.05);
        }
    }

    @Test
    void zeroIterationsOrNoLitPixelsLeaveTheLinesAlone() {
        Line start = new Line(1.0, 2.0);
        float[] dark = new float[64 * 64];
        assertEquals(start, REFINE.refine(dark, 64, 64, List.of(start)).get(0));
        float[] image = LineRenderer.render(List.of(new Line(1.01, 2.3)), 64, 64, 0.8);
        assertEquals(start, new LineRefinement(0.3, 2.0, 0).refine(image, 64, 64, List.of(start)).get(0));
    }

    /**
     * On generated detector images (grains with jitter, noise, isolated grains), starts 15 mrad and 0.5 px off the
     * truth (about the encoder's own accuracy) end near the statistical limit of the grain jitter: angle RMSE
     * below 6 mrad, offset RMSE below 0.15 px.
     */
    @Test
    void onGeneratedImagesStartsNearTheTruthEndWithinMilliradians() {
        TrackImageGenerator generator = new TrackImageGenerator(TrackImageSpec.defaults());
        double sa = 0;
        double so = 0;
        int n = 0;
        java.util.Random rng = new java.util.Random(5);
        for (int i = 0; i < 200; i++) {
            GeneratedImage g = generator.generate(11, i);
            List<Line> start = new ArrayList<>();
            for (Line t : g.truth()) {
                start.add(Line.normalized(t.angle() + 0.015 * rng.nextGaussian(), t.offset() + 0.5 * rng.nextGaussian()));
            }
            List<Line> got = REFINE.refine(g.pixels(), g.width(), g.height(), start);
            for (int k = 0; k < got.size(); k++) {
                double da = LineDistance.angleDifference(g.truth().get(k), got.get(k));
                double dof = LineDistance.offsetDifference(g.truth().get(k), got.get(k));
                sa += da * da;
                so += dof * dof;
                n++;
            }
        }
        double angleRmse = Math.sqrt(sa / n) * 1000;
        double offsetRmse = Math.sqrt(so / n);
        System.out.printf("refinement on %d generated tracks: angle RMSE %.2f mrad, offset RMSE %.3f px%n", n, angleRmse, offsetRmse);
        assertTrue(angleRmse < 6, "angle RMSE " + angleRmse + " mrad");
        assertTrue(offsetRmse < 0.15, "offset RMSE " + offsetRmse + " px");
    }
}
