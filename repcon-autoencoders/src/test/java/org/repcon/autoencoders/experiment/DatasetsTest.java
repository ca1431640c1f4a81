package org.repcon.autoencoders.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.DataException;
import org.repcon.data.IdxFile;
import org.repcon.data.ImageSet;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;

/** The validation split: carved from the training images, disjoint from them and from the test images, seeded. */
class DatasetsTest {
    /** n images whose first pixel is their index (so an image can be told apart after the split), labels i % 3. */
    static void writeIdx(Path dir, String prefix, int n, int firstId) throws IOException {
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i * 784] = (byte) (firstId + i);
            labels[i] = i % 3;
        }
        IdxFile.writeImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), pixels, n, 28, 28, true);
        IdxFile.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), labels, true);
    }

    private static List<Integer> ids(ImageSet s) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(Math.round(s.pixels()[i * s.imageSize()] * 255));
        }
        return out;
    }

    private static AutoencoderConfig.DataSettings fashion(Path dir, int trainLimit, double validationFraction) {
        return new AutoencoderConfig.DataSettings("fashion-mnist", dir, trainLimit, 0, 1, 28, 28, 0, validationFraction);
    }

    @Test
    void validationIsASeededDisjointShareOfTheTrainingImages(@TempDir Path dir) throws IOException {
        writeIdx(dir, "train", 100, 0);
        writeIdx(dir, "t10k", 20, 200);
        Datasets a = Datasets.load(fashion(dir, 0, 0.1), 7);
        assertEquals(List.of(90, 10, 20), List.of(a.train().size(), a.validation().size(), a.test().size()));
        Set<Integer> train = new HashSet<>(ids(a.train()));
        Set<Integer> validation = new HashSet<>(ids(a.validation()));
        assertEquals(90, train.size());
        assertEquals(10, validation.size());
        assertTrue(train.stream().noneMatch(validation::contains), "disjoint");
        Set<Integer> all = new HashSet<>(train);
        all.addAll(validation);
        assertEquals(100, all.size(), "together the training images");
        assertTrue(ids(a.test()).stream().allMatch(id -> id >= 200), "the test images untouched");
        for (int k = 0; k < a.validation().size(); k++) { // labels travel with their images
            assertEquals(ids(a.validation()).get(k) % 3, a.validation().labels()[k]);
        }
        List<Integer> sorted = new ArrayList<>(ids(a.train()));
        sorted.sort(null);
        assertEquals(sorted, ids(a.train()), "the training images keep their order");

        Datasets again = Datasets.load(fashion(dir, 0, 0.1), 7);
        assertEquals(ids(a.validation()), ids(again.validation()), "the same seed, the same split");
        assertArrayEquals(a.train().pixels(), again.train().pixels());
        assertFalse(ids(a.validation()).equals(ids(Datasets.load(fashion(dir, 0, 0.1), 8).validation())),
                "another seed, another split");

        Datasets limited = Datasets.load(fashion(dir, 40, 0.25), 7);
        assertEquals(List.of(30, 10), List.of(limited.train().size(), limited.validation().size()),
                "the share is of the train_limit images");
        assertTrue(ids(limited.validation()).stream().allMatch(id -> id < 40));
    }

    @Test
    void validationIndicesAreAUniformlySpreadSampleWithoutReplacement() {
        int[] counts = new int[10];
        for (long seed = 0; seed < 2000; seed++) {
            int[] idx = Datasets.validationIndices(10, 3, seed);
            assertEquals(3, idx.length);
            assertTrue(idx[0] < idx[1] && idx[1] < idx[2], "distinct, ascending");
            for (int i : idx) {
                counts[i]++;
            }
        }
        for (int c : counts) { // each index is held out with probability 3/10: 600 of 2000, sd ~ 20
            assertEquals(600, c, 100);
        }
    }

    @Test
    void anImageFoldersValidationComesFromItsTrainingShareOnly(@TempDir Path dir) throws IOException {
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            img.setRGB(0, 0, 0x010101 * (10 * i));
            ImageIO.write(img, "png", dir.resolve(String.format("img%02d.png", i)).toFile());
        }
        AutoencoderConfig.DataSettings d = new AutoencoderConfig.DataSettings("images", dir, 0, 0, 1, 8, 8, 0.25, 0.1);
        Datasets data = Datasets.load(d, 3);
        assertEquals(List.of("img09.png", "img10.png", "img11.png"), data.test().names(), "the last quarter is the test set");
        assertEquals(1, data.validation().size(), "at least one validation image (0.1 of 9 rounds to 1)");
        Set<String> names = new HashSet<>(data.train().names());
        names.addAll(data.validation().names());
        assertEquals(9, names.size());
        assertTrue(names.stream().noneMatch(data.test().names()::contains));

        AutoencoderConfig.DataSettings one = new AutoencoderConfig.DataSettings("images", dir, 1, 0, 1, 8, 8, 0.25, 0.1);
        DataException e = assertThrows(DataException.class, () -> Datasets.check(one));
        assertTrue(e.getMessage().contains("data.validation_fraction") && e.getMessage().contains("no image to train on"),
                e::getMessage);
    }

    @Test
    void aZeroValidationFractionIsASpecErrorNamingTheKey(@TempDir Path dir) {
        SpecException e = assertThrows(SpecException.class, () -> AutoencoderConfig.read(Spec.of(Map.of(
                "experiment", "autoencoder", "data", Map.of("dir", dir.toString(), "validation_fraction", 0)))));
        assertTrue(e.getMessage().contains("data.validation_fraction"), e::getMessage);
        assertEquals(0.1, AutoencoderConfig.read(Spec.of(Map.of("experiment", "autoencoder",
                "data", Map.of("dir", dir.toString())))).data().validationFraction(), "the default");
    }
}
