package org.repcon.tracking.baseline;

import boofcv.alg.feature.detect.line.HoughParametersPolar;
import georegression.struct.line.LineParametric2D_F32;

/**
 * BoofCV's polar Hough parametrization, reporting a range bin's centre instead of its lower edge.
 *
 * <p>{@link HoughParametersPolar} votes a pixel for range bin k = floor(r w2 / r_max) + w2 (w2 = half the number
 * of range bins), so bin k holds r in [r_max (k - w2) / w2, r_max (k + 1 - w2) / w2), but turns bin k back into
 * the line at its lower edge r_max (k - w2) / w2: a bias of half a bin (~0.5 px at our resolution) towards
 * negative r. Reading the bin at k + 1/2 removes it. Angles need no correction: bin i is voted and read at
 * exactly theta = i pi / angleBins.
 */
final class CentredPolarParameters extends HoughParametersPolar {
    CentredPolarParameters(double rangeResolution, int angleBins) {
        super(rangeResolution, angleBins);
    }

    @Override
    public void transformToLine(float x, float y, LineParametric2D_F32 line) {
        super.transformToLine(x + 0.5f, y, line);
    }
}
