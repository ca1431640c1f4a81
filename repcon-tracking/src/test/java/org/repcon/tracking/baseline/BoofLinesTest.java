package org.repcon.tracking.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import georegression.struct.line.LineParametric2D_F32;
import georegression.struct.line.LinePolar2D_F32;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.matching.LineDistance;

class BoofLinesTest {

    @Test
    void horizontalLineThroughPixelRowCentres() {
        // BoofCV: the centres of pixel row 40 are y = 40; in repcon they are at y = 40.5, 8.5 below the centre 32
        Line l = BoofLines.toLine(new LineParametric2D_F32(3, 40, 1, 0), 64, 64);
        assertEquals(0.0, l.angle(), 1e-7);
        assertEquals(8.5, l.offset(), 1e-5);
        // the same line pointing left (angle pi) is normalized to angle 0 with the same offset
        Line back = BoofLines.toLine(new LineParametric2D_F32(3, 40, -2, 0), 64, 64);
        assertEquals(0.0, back.angle(), 1e-7);
        assertEquals(8.5, back.offset(), 1e-5);
    }

    @Test
    void verticalLineThroughPixelColumnCentres() {
        // column 10 -> x = 10.5 in repcon, left of the centre: normal (-1, 0) gives offset +21.5
        Line l = BoofLines.toLine(new LineParametric2D_F32(10, 5, 0, 1), 64, 48);
        assertEquals(Math.PI / 2, l.angle(), 1e-7);
        assertEquals(21.5, l.offset(), 1e-5);
    }

    @Test
    void diagonalLine() {
        // BoofCV line through pixel centres (0,0) and (1,1): repcon's main diagonal y = x, through the centre
        Line l = BoofLines.toLine(new LineParametric2D_F32(0, 0, 1, 1), 64, 64);
        assertEquals(Math.PI / 4, l.angle(), 1e-7);
        assertEquals(0.0, l.offset(), 1e-5);
    }

    @Test
    void polarLine() {
        // x cos(theta) + y sin(theta) = d with theta = pi/2, d = 40: the row-40 line again
        Line l = BoofLines.toLine(new LinePolar2D_F32(40, (float) (Math.PI / 2)), 64, 64);
        assertEquals(0.0, LineDistance.angleDifference(l, new Line(0, 8.5)), 1e-6);
        assertEquals(0.0, LineDistance.offsetDifference(l, new Line(0, 8.5)), 1e-4);
    }

    @Test
    void roundTrip() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) {
            Line l = new Line(rnd.nextDouble() * Math.PI, rnd.nextDouble() * 60 - 30);
            Line back = BoofLines.toLine(BoofLines.toBoof(l, 64, 40), 64, 40);
            assertEquals(0.0, LineDistance.angleDifference(l, back), 1e-6, l.toString());
            assertEquals(0.0, LineDistance.offsetDifference(l, back), 1e-4, l.toString());
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> BoofLines.toLine(new LineParametric2D_F32(1, 1, 0, 0), 64, 64));
        assertThrows(IllegalArgumentException.class,
                () -> BoofLines.toLine(new LineParametric2D_F32(1, 1, 1, 0), 0, 64));
        assertThrows(IllegalArgumentException.class, () -> BoofLines.toLine((LineParametric2D_F32) null, 64, 64));
    }
}
