package org.repcon.physics.hamiltonian.systems;

import java.util.random.RandomGenerator;

/**
 * How one noisy training trajectory is generated, following {@code get_trajectory} of the HNN paper code
 * ({@code experiment-spring/data.py}, {@code experiment-pend/data.py}):
 *
 * <pre>
 *   t_eval = linspace(tStart, tEnd, observations)          (both ends included)
 *   y0     = U(-1, 1)^2 ;  r = radiusSampler() ;  y0 = r * y0 / |y0|      (uniform direction, sampled radius)
 *   clean  = exact solution through y0 at t_eval           (paper: solve_ivp, rtol = 1e-10)
 *   dx     = f(clean)                                      (targets are the CLEAN time derivatives)
 *   q_obs  = q + N(0, noiseStd^2) ;  p_obs = p + N(0, noiseStd^2)   (noise on observed states only)
 * </pre>
 *
 * <p>The paper parametrises the grid by a "timescale": {@code observations = int(timescale * (tEnd - tStart))};
 * see {@link #fromTimescale}. Random draws happen in the paper's order: the two direction uniforms, the
 * radius, then the {@code q} noise of all points, then the {@code p} noise of all points.
 *
 * @param tStart first observation time
 * @param tEnd last observation time (included)
 * @param observations number of equally spaced observations per trajectory (at least 1)
 * @param radiusSampler distribution of the phase-space radius {@code |(q0, p0)|} of the initial state
 * @param noiseStd standard deviation of the Gaussian noise added to each observed coordinate
 */
public record TrajectoryProtocol(
        double tStart, double tEnd, int observations, RadiusSampler radiusSampler, double noiseStd) {

    /** Samples the phase-space radius of an initial state. */
    @FunctionalInterface
    public interface RadiusSampler {
        double sample(RandomGenerator rng);

        /** {@code min + (max - min) * U[0, 1)}, e.g. the spring's {@code rand()*0.9 + 0.1} is {@code uniform(0.1, 1.0)}. */
        static RadiusSampler uniform(double min, double max) {
            if (!(max >= min)) {
                throw new IllegalArgumentException("need max >= min");
            }
            return rng -> min + (max - min) * rng.nextDouble();
        }
    }

    public TrajectoryProtocol {
        if (!Double.isFinite(tStart) || !Double.isFinite(tEnd) || tEnd < tStart) {
            throw new IllegalArgumentException("need finite tStart <= tEnd");
        }
        if (observations < 1) {
            throw new IllegalArgumentException("need at least one observation");
        }
        if (radiusSampler == null) {
            throw new IllegalArgumentException("radiusSampler is required");
        }
        if (!(noiseStd >= 0) || !Double.isFinite(noiseStd)) {
            throw new IllegalArgumentException("noiseStd must be finite and >= 0");
        }
    }

    /**
     * The paper's parametrisation: {@code observations = int(timescale * (tEnd - tStart))} (truncation, as
     * Python's {@code int}).
     */
    public static TrajectoryProtocol fromTimescale(
            double tStart, double tEnd, double timescale, RadiusSampler radiusSampler, double noiseStd) {
        return new TrajectoryProtocol(tStart, tEnd, (int) (timescale * (tEnd - tStart)), radiusSampler, noiseStd);
    }

    /** A copy with a different noise level. */
    public TrajectoryProtocol withNoiseStd(double newNoiseStd) {
        return new TrajectoryProtocol(tStart, tEnd, observations, radiusSampler, newNoiseStd);
    }

    /** {@code numpy.linspace(tStart, tEnd, observations)}: {@code tStart + i*step}, last point exactly {@code tEnd}. */
    public double[] observationTimes() {
        return linspace(tStart, tEnd, observations);
    }

    /**
     * A clean initial state {@code {q0, p0}}: a uniformly random direction ({@code U(-1,1)^2} normalised; the
     * measure-zero draw {@code (0,0)} is redrawn) scaled to a radius from {@link #radiusSampler()}.
     */
    public double[] sampleInitialState(RandomGenerator rng) {
        double u;
        double v;
        double norm;
        do {
            u = rng.nextDouble() * 2 - 1;
            v = rng.nextDouble() * 2 - 1;
            norm = Math.sqrt(u * u + v * v);
        } while (norm == 0);
        double radius = radiusSampler.sample(rng);
        return new double[] {u / norm * radius, v / norm * radius};
    }

    static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = start + i * step;
        }
        out[num - 1] = stop;
        return out;
    }
}
