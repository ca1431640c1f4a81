package org.repcon.nn.layers;

/**
 * Plain-Java float64 loops for the normalisation and attention layers: the references their tests compare against.
 * Arrays are row-major NCHW, flattened; {@code S} is the number of spatial positions H W.
 */
final class PlainReferences {
    private PlainReferences() {}

    /** Group norm of x [B, C, S] with G groups, affine gamma, beta [C]. */
    static double[] groupNorm(double[] x, int b, int c, int s, int g, double[] gamma, double[] beta, double eps) {
        double[] y = new double[x.length];
        int per = c / g;
        int n = per * s;
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < g; k++) {
                int start = (i * c + k * per) * s;
                double mean = 0;
                for (int j = 0; j < n; j++) {
                    mean += x[start + j];
                }
                mean /= n;
                double var = 0;
                for (int j = 0; j < n; j++) {
                    var += (x[start + j] - mean) * (x[start + j] - mean);
                }
                var /= n;
                double inv = 1 / Math.sqrt(var + eps);
                for (int j = 0; j < n; j++) {
                    int ch = k * per + j / s;
                    y[start + j] = (x[start + j] - mean) * inv * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    /**
     * d sum(GroupNorm(x) * r) / dx, by the closed form per group: with {@code xh} the normalised values and
     * {@code dy = r gamma}, {@code dx = (dy - mean(dy) - xh mean(dy xh)) / sqrt(var + eps)}.
     */
    static double[] groupNormInputGradient(double[] x, double[] r, int b, int c, int s, int g, double[] gamma, double eps) {
        double[] dx = new double[x.length];
        int per = c / g;
        int n = per * s;
        for (int i = 0; i < b; i++) {
            for (int k = 0; k < g; k++) {
                int start = (i * c + k * per) * s;
                double mean = 0;
                for (int j = 0; j < n; j++) {
                    mean += x[start + j];
                }
                mean /= n;
                double var = 0;
                for (int j = 0; j < n; j++) {
                    var += (x[start + j] - mean) * (x[start + j] - mean);
                }
                var /= n;
                double inv = 1 / Math.sqrt(var + eps);
                double meanDy = 0;
                double meanDyXh = 0;
                for (int j = 0; j < n; j++) {
                    double dy = r[start + j] * gamma[k * per + j / s];
                    meanDy += dy;
                    meanDyXh += dy * (x[start + j] - mean) * inv;
                }
                meanDy /= n;
                meanDyXh /= n;
                for (int j = 0; j < n; j++) {
                    double dy = r[start + j] * gamma[k * per + j / s];
                    double xh = (x[start + j] - mean) * inv;
                    dx[start + j] = (dy - meanDy - xh * meanDyXh) * inv;
                }
            }
        }
        return dx;
    }

    /** 1x1 convolution of x [B, C, S] with w [O, C], bias [O]. */
    static double[] conv1x1(double[] x, int b, int c, int s, double[] w, double[] bias, int o) {
        double[] y = new double[b * o * s];
        for (int i = 0; i < b; i++) {
            for (int oc = 0; oc < o; oc++) {
                for (int p = 0; p < s; p++) {
                    double sum = bias[oc];
                    for (int ic = 0; ic < c; ic++) {
                        sum += w[oc * c + ic] * x[(i * c + ic) * s + p];
                    }
                    y[(i * o + oc) * s + p] = sum;
                }
            }
        }
        return y;
    }

    /** The weights of {@link SelfAttention2d} as flat arrays: norm gamma, beta [C]; q, k, v, out weight [C, C], bias [C]. */
    record AttentionWeights(double[] gamma, double[] beta, double[][] w, double[][] bias) {}

    /** DDPM's attention block on x [B, C, S] with the given heads and norm groups (see {@link SelfAttention2d}). */
    static double[] attention(double[] x, int b, int c, int s, int heads, int groups, AttentionWeights a) {
        double[] h = groupNorm(x, b, c, s, groups, a.gamma(), a.beta(), 1e-5);
        double[] q = conv1x1(h, b, c, s, a.w()[0], a.bias()[0], c);
        double[] k = conv1x1(h, b, c, s, a.w()[1], a.bias()[1], c);
        double[] v = conv1x1(h, b, c, s, a.w()[2], a.bias()[2], c);
        int d = c / heads;
        double scale = 1 / Math.sqrt(d);
        double[] o = new double[x.length];
        double[] row = new double[s];
        for (int i = 0; i < b; i++) {
            for (int m = 0; m < heads; m++) {
                int base = (i * c + m * d) * s;
                for (int p = 0; p < s; p++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = 0; r < s; r++) {
                        double dot = 0;
                        for (int ch = 0; ch < d; ch++) {
                            dot += q[base + ch * s + p] * k[base + ch * s + r];
                        }
                        row[r] = dot * scale;
                        max = Math.max(max, row[r]);
                    }
                    double z = 0;
                    for (int r = 0; r < s; r++) {
                        row[r] = Math.exp(row[r] - max);
                        z += row[r];
                    }
                    for (int ch = 0; ch < d; ch++) {
                        double sum = 0;
                        for (int r = 0; r < s; r++) {
                            sum += row[r] / z * v[base + ch * s + r];
                        }
                        o[base + ch * s + p] = sum;
                    }
                }
            }
        }
        double[] y = conv1x1(o, b, c, s, a.w()[3], a.bias()[3], c);
        for (int j = 0; j < y.length; j++) {
            y[j] += x[j];
        }
        return y;
    }
}
