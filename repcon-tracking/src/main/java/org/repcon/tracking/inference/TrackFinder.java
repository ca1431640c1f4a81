package org.repcon.tracking.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.repcon.data.ImageSet;
import org.repcon.tracking.geometry.Line;
import org.repcon.tracking.model.DivergedModelException;
import org.repcon.tracking.model.LineRefinement;
import org.repcon.tracking.model.Slots;
import org.repcon.tracking.model.TrackerModel;

/**
 * From images to tracks with a trained {@link TrackerModel}: encode, keep the slots whose presence exceeds the
 * threshold (strongest first), drop a slot within the duplicate tolerances ({@link DuplicateFilter}: by default
 * 0.05 rad and 2 px, the spec's {@code evaluation.duplicate_angle} / {@code duplicate_offset}) of a stronger one,
 * then refine the kept lines on the image ({@link LineRefinement}) and drop duplicates again. The duplicate
 * tolerances are the finder's own: they equal the matcher's default scoring tolerances by default, but are not read
 * from them, so changing how tracks are scored does not change which tracks are found.
 */
public final class TrackFinder {
    private final TrackerModel model;
    private final double threshold;
    private final LineRefinement refinement;
    private final DuplicateFilter duplicates;

    /** A finder with the default duplicate tolerances ({@link DuplicateFilter#defaults()}). */
    public TrackFinder(TrackerModel model, double threshold, LineRefinement refinement) {
        this(model, threshold, refinement, DuplicateFilter.defaults());
    }

    public TrackFinder(TrackerModel model, double threshold, LineRefinement refinement, DuplicateFilter duplicates) {
        if (duplicates == null) {
            throw new IllegalArgumentException("duplicates must not be null (use DuplicateFilter.defaults())");
        }
        this.model = model;
        this.threshold = threshold;
        this.refinement = refinement;
        this.duplicates = duplicates;
    }

    /** The duplicate tolerances this finder drops tracks within. */
    public DuplicateFilter duplicates() {
        return duplicates;
    }

    /** Slots of every image, [N * K * 5] values, encoded in batches of {@code batch}. */
    public float[] encode(ImageSet images, DataType type, int batch, NDManager root) {
        int k = model.slots();
        float[] out = new float[images.size() * k * Slots.SIZE];
        for (int from = 0; from < images.size(); from += batch) {
            int to = Math.min(images.size(), from + batch);
            try (NDScope scope = new NDScope()) {
                NDArray x = images.batch(root, from, to, type);
                float[] z = model.encode(x, false).toType(DataType.FLOAT32, false).toFloatArray();
                System.arraycopy(z, 0, out, from * k * Slots.SIZE, z.length);
            }
        }
        return out;
    }

    /**
     * The encoder's tracks of image {@code n} ({@code slots} from {@link #encode}): present, strongest first, no duplicates.
     *
     * @throws DivergedModelException if a slot of the image holds a NaN or infinite value
     */
    public List<Slots.Predicted> raw(float[] slots, int n) {
        int k = model.slots();
        requireFinite(slots, n, k);
        List<Slots.Predicted> all = new ArrayList<>(Slots.decode(slots, n * k * Slots.SIZE, k));
        all.sort(Comparator.comparingDouble(Slots.Predicted::presence).reversed());
        return dropDuplicates(all.stream().filter(p -> p.presence() > threshold).toList());
    }

    /** {@code raw} tracks of image {@code n} refined on its pixels, duplicates dropped again. */
    public List<Slots.Predicted> refined(ImageSet images, int n, List<Slots.Predicted> raw) {
        int w = images.width();
        int h = images.height();
        float[] image = Arrays.copyOfRange(images.pixels(), n * w * h, (n + 1) * w * h);
        List<Line> lines = refinement.refine(image, w, h, raw.stream().map(Slots.Predicted::line).toList());
        List<Slots.Predicted> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(new Slots.Predicted(raw.get(i).slot(), raw.get(i).presence(), lines.get(i)));
        }
        return dropDuplicates(out);
    }

    /** The refined tracks of every image. */
    public List<List<Slots.Predicted>> find(ImageSet images, DataType type, NDManager root) {
        float[] slots = encode(images, type, 256, root);
        List<List<Slots.Predicted>> out = new ArrayList<>();
        for (int n = 0; n < images.size(); n++) {
            out.add(refined(images, n, raw(slots, n)));
        }
        return out;
    }

    private static void requireFinite(float[] slots, int n, int k) {
        for (int s = 0; s < k; s++) {
            int o = (n * k + s) * Slots.SIZE;
            for (int i = 0; i < Slots.SIZE; i++) {
                if (!Float.isFinite(slots[o + i])) {
                    float[] v = Arrays.copyOfRange(slots, o, o + Slots.SIZE);
                    throw new DivergedModelException("slot " + s + " of image " + n + " has non-finite values (u, v, px, py, logit) = ("
                            + v[0] + ", " + v[1] + ", " + v[2] + ", " + v[3] + ", " + v[4] + ")");
                }
            }
        }
    }

    private List<Slots.Predicted> dropDuplicates(List<Slots.Predicted> strongestFirst) {
        return duplicates.keep(strongestFirst, Slots.Predicted::line);
    }
}
