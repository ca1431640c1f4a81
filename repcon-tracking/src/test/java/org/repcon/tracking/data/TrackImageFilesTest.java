package org.repcon.tracking.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.repcon.data.DataException;
import org.repcon.tracking.geometry.Line;

/** Writing a track image set and reading it back, and the truth reader's error messages. */
class TrackImageFilesTest {
    @TempDir
    Path dir;

    private final TrackImageSet set = TrackImageSet.generate(new TrackImageGenerator(TrackImageSpec.defaults()), 17, 0, 4);

    @Test
    void truthAndImagesRoundTrip() throws IOException {
        TrackImageFiles.write(dir, set);
        for (int n = 0; n < 4; n++) {
            assertTrue(Files.isRegularFile(dir.resolve(String.format(Locale.ROOT, "img%05d.png", n))));
        }
        List<String> rows = Files.readAllLines(dir.resolve("truth.csv"));
        assertEquals("file,track,angle_rad,offset_px,x1,y1,x2,y2", rows.get(0));
        Line first = set.truth(0).get(0);
        double[] ends = first.clip(64, 64);
        assertEquals(String.format(Locale.ROOT, "img00000.png,0,%s,%s,%.4f,%.4f,%.4f,%.4f", first.angle(), first.offset(),
                ends[0], ends[1], ends[2], ends[3]), rows.get(1));

        Map<String, List<Line>> truth = TrackImageFiles.readTruth(dir.resolve("truth.csv"));
        assertEquals(set.images().names(), List.copyOf(truth.keySet()));
        for (int n = 0; n < 4; n++) {
            assertEquals(set.truth(n), truth.get(set.images().names().get(n))); // exact: Double.toString round-trips
        }

        TrackImageSet back = TrackImageFiles.read(dir);
        assertEquals(set.truth(), back.truth());
        assertEquals(set.images().names(), back.images().names());
        float[] a = set.images().pixels();
        float[] b = back.images().pixels();
        assertEquals(a.length, b.length);
        for (int p = 0; p < a.length; p++) {
            assertEquals(a[p], b[p], 0.5 / 255 + 1e-6); // 8-bit PNG
        }
    }

    @Test
    void aMissingTruthFileIsNamed() {
        DataException e = assertThrows(DataException.class, () -> TrackImageFiles.readTruth(dir.resolve("truth.csv")));
        assertTrue(e.getMessage().contains("truth.csv") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aWrongHeaderIsReported() throws IOException {
        Path csv = write("file,angle,offset\nimg00000.png,0.5,3\n");
        DataException e = assertThrows(DataException.class, () -> TrackImageFiles.readTruth(csv));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("header is 'file,angle,offset'"),
                e.getMessage());
    }

    @Test
    void aBadNumberIsReportedWithItsLineNumber() throws IOException {
        Path csv = write(TrackImageFiles.HEADER + "\nimg00000.png,0,0.5,3,,,,\nimg00000.png,1,abc,3,,,,\n");
        DataException e = assertThrows(DataException.class, () -> TrackImageFiles.readTruth(csv));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("angle_rad 'abc' is not a number"),
                e.getMessage());
        Path fields = write(TrackImageFiles.HEADER + "\nimg00000.png,0,0.5,3\n");
        e = assertThrows(DataException.class, () -> TrackImageFiles.readTruth(fields));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("4 fields, expected 8"), e.getMessage());
        Path track = write(TrackImageFiles.HEADER + "\nimg00000.png,x,0.5,3,,,,\n");
        e = assertThrows(DataException.class, () -> TrackImageFiles.readTruth(track));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("track 'x'"), e.getMessage());
    }

    @Test
    void truthNamingAnUnknownImageIsReported() throws IOException {
        TrackImageFiles.write(dir, set);
        Files.writeString(dir.resolve("truth.csv"), TrackImageFiles.HEADER + "\nimg00099.png,0,0.5,3,,,,\n");
        DataException e = assertThrows(DataException.class, () -> TrackImageFiles.read(dir));
        assertTrue(e.getMessage().contains("img00099.png"), e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path csv = dir.resolve("truth.csv");
        Files.writeString(csv, content);
        return csv;
    }
}
