package org.repcon.data.ood;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names {@link OodSets#parse} accepts, and its messages for the ones it does not. */
class OodSetsTest {
    private final OodSets sets = OodSets.builder().setFashionDir(Path.of("/f")).optMnistDir(Path.of("/m")).optSeed(4)
            .optNoiseCount(12).build();

    @Test
    void namesMakeTheirSets() {
        ImageFileSet mnist = assertInstanceOf(ImageFileSet.class, sets.parse("mnist"));
        assertEquals(Path.of("/m", MnistDigits.IMAGES), mnist.path());
        ImageFileSet other = assertInstanceOf(ImageFileSet.class, sets.parse("mnist:/data/t10k-images-idx3-ubyte.gz"));
        assertEquals(Path.of("/data/t10k-images-idx3-ubyte.gz"), other.path());
        assertEquals("mnist:/data/t10k-images-idx3-ubyte.gz", other.name());
        assertEquals(Path.of("pngs"), assertInstanceOf(ImageFileSet.class, sets.parse("images:pngs")).path());
        assertEquals(Path.of("/f"), assertInstanceOf(FlippedFashion.class, sets.parse("fashion-vflip")).fashionDir());
        NoiseSet u = assertInstanceOf(NoiseSet.class, sets.parse("uniform"));
        assertEquals(NoiseSet.Kind.UNIFORM, u.kind());
        assertEquals(12, u.count());
        assertEquals(4, u.seed());
        NoiseSet g = assertInstanceOf(NoiseSet.class, sets.parse("gaussian"));
        assertEquals(OodSets.GAUSSIAN_MEAN, g.mean());
        assertEquals(OodSets.GAUSSIAN_SD, g.sd());
        NoiseSet g2 = assertInstanceOf(NoiseSet.class, sets.parse("gaussian:0.286, 0.353"));
        assertEquals(0.286, g2.mean());
        assertEquals(0.353, g2.sd());
        assertTrue(g2.description().contains("mean 0.286, sd 0.353, clipped to [0, 1]"), g2.description());
        assertEquals(12, g2.load(0).images().size());
        assertEquals(List.of("mnist", "uniform"), sets.parseAll(List.of("mnist", "uniform")).stream()
                .map(OodSet::name).toList());
    }

    @Test
    void badNamesAreRefusedWithTheKnownOnes() {
        for (String bad : List.of("cifar", "mnist:", "images", "uniform:3", "fashion-vflip:x", "gaussian:1",
                "gaussian:0.5,-1", "gaussian:a,b", "gaussian:0.5,NaN")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sets.parse(bad), bad);
            assertTrue(e.getMessage().contains(bad.split(":")[0]), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> sets.parse("cifar")).getMessage()
                .contains(OodSets.KNOWN));
        assertThrows(IllegalArgumentException.class, () -> sets.parseAll(List.of("uniform", "uniform")));
        assertThrows(IllegalStateException.class, () -> OodSets.builder().build());
        assertThrows(IllegalArgumentException.class, () -> OodSets.builder().optNoiseCount(0));
    }
}
