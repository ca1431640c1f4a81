package org.repcon.tracking.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The tracker's validation images come from a seed of their own, disjoint from every other set of the run. */
class TrackSplitsTest {
    @Test
    void theValidationSeedIsNoOtherSetsSeedOfThisOrANeighbouringRun() {
        Set<Long> others = new HashSet<>();
        for (long s = -50; s <= 1050; s++) { // train, test and 10 extra noise levels of every seed around 0..1000
            others.add(TrackSplits.train(s));
            others.add(TrackSplits.test(s));
            for (int i = 0; i < 10; i++) {
                others.add(TrackSplits.extraNoise(s, i));
            }
        }
        Set<Long> validation = new HashSet<>();
        for (long s = 0; s <= 1000; s++) {
            long v = TrackSplits.validation(s, 10);
            assertFalse(others.contains(v), "validation seed " + v + " of run " + s + " is another set's seed");
            assertEquals(v, TrackSplits.validation(s, 10), "seeded: the same seed gives the same validation seed");
            validation.add(v);
        }
        assertEquals(1001, validation.size(), "every run its own validation images");
        assertEquals(java.util.List.of(7L, 8L, 9L, 10L), java.util.List.of(TrackSplits.train(7), TrackSplits.test(7),
                TrackSplits.extraNoise(7, 0), TrackSplits.extraNoise(7, 1)), "the existing sets' seeds are unchanged");
    }

    @Test
    void validationImagesShareNoImageWithTrainOrTest() {
        TrackImageGenerator generator = new TrackImageGenerator(TrackImageSpec.defaults().withSize(32, 32));
        long seed = 1;
        TrackImageSet validation = TrackImageSet.generate(generator, TrackSplits.validation(seed, 2), 0, 50);
        Set<String> seen = new HashSet<>();
        for (long s : new long[] {TrackSplits.train(seed), TrackSplits.test(seed), TrackSplits.extraNoise(seed, 0),
                TrackSplits.extraNoise(seed, 1)}) {
            TrackImageSet set = TrackImageSet.generate(generator, s, 0, 200);
            for (int n = 0; n < set.size(); n++) {
                seen.add(Arrays.toString(set.images().slice(n, n + 1).pixels()));
            }
        }
        for (int n = 0; n < validation.size(); n++) {
            assertFalse(seen.contains(Arrays.toString(validation.images().slice(n, n + 1).pixels())),
                    "validation image " + n + " also in another set");
        }
        TrackImageSet again = TrackImageSet.generate(generator, TrackSplits.validation(seed, 2), 0, 50);
        assertEquals(Arrays.toString(validation.images().pixels()), Arrays.toString(again.images().pixels()));
        assertNotEquals(TrackSplits.validation(seed, 2), TrackSplits.validation(seed + 1, 2));
    }
}
