package org.repcon.anomaly.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.repcon.data.ImageSet;

/**
 * The geometric transformations of GEOM (Golan and El-Yaniv 2018) for square images of side S: transform k is the
 * composition, applied in this order, of
 * <ol>
 *   <li>an optional horizontal flip: {@code (y, x) <- (y, S - 1 - x)};</li>
 *   <li>a translation by (dx, dy) in {0, -s, +s}^2 pixels: {@code out(y, x) = in(r(y - dy), r(x - dx))}, the content
 *       moving dx to the right and dy down; pixels that come from outside the image are filled by reflection about the
 *       edge including the edge pixel, {@code r(-1) = 0, r(-2) = 1, r(S) = S - 1} (scipy's and Keras's {@code reflect}
 *       mode, which GEOM's {@code apply_affine_transform(..., fill_mode='reflect')} uses: d c b a | a b c d | d c b a);</li>
 *   <li>a rotation by r * 90 degrees counter-clockwise, r in 0..3 ({@code numpy.rot90(x, r)}):
 *       one step is {@code out(y, x) = in(x, S - 1 - y)}.</li>
 * </ol>
 * Index order as GEOM's: {@code k = ((flip * T + i_dx) * T + i_dy) * 4 + r} over flip in {no, yes}, dx and dy
 * indexing the translation list (0, -s, +s) (T = 3, or T = 1 without translations), r in 0..3. Sets: {@link #geom} (72 = 2 x 3 x 3 x 4,
 * s = 8 on 28 x 28 as in GEOM), {@link #flipsAndRotations} (8, the dihedral group of the square). Each transform is a
 * map from output pixel to input pixel (the same for every channel), so {@link #apply} is a gather.
 */
public final class GeometricTransforms {
    private static final int ROTATIONS = 4;

    private final int side;
    private final int shift;
    private final boolean translations;
    private final List<String> names = new ArrayList<>();
    /** maps[k][y * S + x]: the input pixel of output pixel (y, x) under transform k. */
    private final int[][] maps;

    private GeometricTransforms(int side, int shift, boolean translations) {
        if (side < 1) {
            throw new IllegalArgumentException("image side must be positive, got " + side);
        }
        if (translations && (shift < 1 || shift >= side)) {
            throw new IllegalArgumentException("translation " + shift + " must be in [1, " + (side - 1) + "] for " + side + "x" + side + " images");
        }
        this.side = side;
        this.shift = shift;
        this.translations = translations;
        int[] offsets = translations ? new int[] {0, -shift, shift} : new int[] {0};
        List<int[]> list = new ArrayList<>();
        for (int flip = 0; flip < 2; flip++) {
            for (int tx : offsets) {
                for (int ty : offsets) {
                    for (int r = 0; r < ROTATIONS; r++) {
                        list.add(compose(compose(flip(flip == 1), translate(tx, ty)), rotate(r)));
                        names.add(String.format(Locale.ROOT, "%sdx%+d_dy%+d_rot%d", flip == 1 ? "flip_" : "", tx, ty, 90 * r));
                    }
                }
            }
        }
        this.maps = list.toArray(int[][]::new);
    }

    /** GEOM's 72 transforms on S x S images with translations of {@code shift} pixels (GEOM: 8 on 28 x 28, S / 4 in general). */
    public static GeometricTransforms geom(int side, int shift) {
        return new GeometricTransforms(side, shift, true);
    }

    /** The 8 flips and rotations (no translation) of S x S images. */
    public static GeometricTransforms flipsAndRotations(int side) {
        return new GeometricTransforms(side, 0, false);
    }

    /**
     * The set of {@code count} transforms for S x S images: 72 ({@link #geom} with s = round(S * 8 / 28)) or 8
     * ({@link #flipsAndRotations}).
     */
    public static GeometricTransforms of(int count, int side) {
        return switch (count) {
            case 72 -> geom(side, Math.max(1, Math.round(side * 8f / 28f)));
            case 8 -> flipsAndRotations(side);
            default -> throw new IllegalArgumentException("transform sets: 72 (GEOM: flip x translations x rotations) or 8 "
                    + "(flip x rotations), got " + count);
        };
    }

    /** Number of transforms K. */
    public int size() {
        return maps.length;
    }

    /** Image side S. */
    public int side() {
        return side;
    }

    /** Translation s in pixels (0 without translations). */
    public int shift() {
        return translations ? shift : 0;
    }

    /** A readable name of transform k, e.g. {@code flip_dx-8_dy+0_rot90}. */
    public String name(int k) {
        return names.get(k);
    }

    /** A copy of the map of transform k: entry {@code y * S + x} is the input pixel index of output pixel (y, x). */
    public int[] map(int k) {
        return maps[k].clone();
    }

    /**
     * Writes {@code T_k} of the image of {@code channels} channels starting at {@code src[from]} to {@code dst[to]}
     * (channel-first, S x S each).
     */
    public void apply(int k, int channels, float[] src, int from, float[] dst, int to) {
        int[] m = maps[k];
        int plane = side * side;
        for (int c = 0; c < channels; c++) {
            int s = from + c * plane;
            int d = to + c * plane;
            for (int p = 0; p < plane; p++) {
                dst[d + p] = src[s + m[p]];
            }
        }
    }

    /** {@code T_k} of every image of a set of S x S images; labels and names kept. */
    public ImageSet apply(ImageSet images, int k) {
        checkShape(images);
        float[] out = new float[images.pixels().length];
        int per = images.imageSize();
        for (int i = 0; i < images.size(); i++) {
            apply(k, images.channels(), images.pixels(), i * per, out, i * per);
        }
        return new ImageSet(images.name() + " (" + name(k) + ")", images.channels(), side, side, out, images.labels(), images.names());
    }

    /** Fails with a message unless the images are S x S. */
    public void checkShape(ImageSet images) {
        if (images.height() != side || images.width() != side) {
            throw new IllegalArgumentException("the transforms are for " + side + "x" + side + " images; " + images.name() + " has "
                    + images.height() + "x" + images.width());
        }
    }

    /** First a, then b: out(p) = in(a[b[p]]). */
    private static int[] compose(int[] a, int[] b) {
        int[] out = new int[b.length];
        for (int p = 0; p < b.length; p++) {
            out[p] = a[b[p]];
        }
        return out;
    }

    private int[] flip(boolean flip) {
        int[] m = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                m[y * side + x] = y * side + (flip ? side - 1 - x : x);
            }
        }
        return m;
    }

    private int[] translate(int dx, int dy) {
        int[] m = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                m[y * side + x] = reflect(y - dy) * side + reflect(x - dx);
            }
        }
        return m;
    }

    /** Reflection about the edge, the edge pixel included (d c b a | a b c d | d c b a). */
    int reflect(int i) {
        int period = 2 * side;
        int j = Math.floorMod(i, period);
        return j < side ? j : period - 1 - j;
    }

    private int[] rotate(int quarterTurns) {
        int[] m = new int[side * side];
        for (int p = 0; p < m.length; p++) {
            m[p] = p;
        }
        for (int r = 0; r < quarterTurns; r++) {
            int[] one = new int[side * side];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    one[y * side + x] = x * side + (side - 1 - y);
                }
            }
            m = compose(m, one);
        }
        return m;
    }
}
