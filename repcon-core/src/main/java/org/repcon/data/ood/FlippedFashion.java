package org.repcon.data.ood;

import java.nio.file.Path;
import java.util.List;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;

/**
 * Fashion-MNIST's test images flipped upside down (Nalisnick et al. 2019 use such flips as a near-distribution shift):
 * {@code out[n, y, x] = in[n, H - 1 - y, x]}, labels kept (the class of the unflipped image), names = index in the
 * test set. Read from the Fashion-MNIST folder the model was trained from ({@link FashionMnist}).
 *
 * @param name the set's name as given in the spec
 * @param fashionDir the folder of the four Fashion-MNIST IDX files
 */
public record FlippedFashion(String name, Path fashionDir) implements OodSet {
    @Override
    public void check() {
        FashionMnist.check(fashionDir);
    }

    @Override
    public OodImages load(int limit) {
        ImageSet test = FashionMnist.load(fashionDir, FashionMnist.Split.TEST, 0);
        int[] keep = Subsets.spread(test.size(), limit);
        ImageSet chosen = Subsets.select(test, keep, test.name());
        ImageSet named = new ImageSet(test.name(), 1, test.height(), test.width(), chosen.pixels(), chosen.labels(),
                Subsets.indexNames(keep));
        return new OodImages(name, flipVertically(named, name + " (" + fashionDir + ", test images flipped upside down)"),
                List.of());
    }

    /** {@code set} with every channel of every image flipped upside down: row y becomes row H - 1 - y. */
    public static ImageSet flipVertically(ImageSet set, String name) {
        int h = set.height();
        int w = set.width();
        int planes = set.size() * set.channels();
        float[] in = set.pixels();
        float[] out = new float[in.length];
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(in, (p * h + (h - 1 - y)) * w, out, (p * h + y) * w, w);
            }
        }
        return new ImageSet(name, set.channels(), h, w, out, set.labels(), set.names());
    }
}
