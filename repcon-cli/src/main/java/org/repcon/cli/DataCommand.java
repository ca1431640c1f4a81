package org.repcon.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.tracking.data.TrackImageFiles;
import org.repcon.tracking.data.TrackImageGenerator;
import org.repcon.tracking.data.TrackImageSet;
import org.repcon.tracking.data.TrackImageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code repcon data lines --n N --out DIR}: synthetic data sets. */
@Command(name = "data", description = "Write synthetic data sets.", subcommands = DataCommand.Lines.class)
final class DataCommand {

    /** Detector-like images of straight tracks with their true line parameters. */
    @Command(name = "lines", description = "Write N detector-like images of 1..K straight tracks (PNG) and truth.csv "
            + "(file,track,angle_rad,offset_px,x1,y1,x2,y2; conventions in the README).")
    static final class Lines implements Callable<Integer> {
        @Option(names = "--n", required = true, description = "number of images")
        int n;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
        Path out;

        @Option(names = "--seed", description = "generator seed (default 1); image i depends only on (seed, i)")
        long seed = 1;

        @Option(names = "--size", description = "image width and height in pixels (default 64)")
        int size = 64;

        @Option(names = "--min-tracks", description = "fewest tracks per image (default 1)")
        int minTracks = 1;

        @Option(names = "--max-tracks", description = "most tracks per image (default 3)")
        int maxTracks = 3;

        @Option(names = "--noise", description = "Gaussian background noise std (default 0.05)")
        double noise = 0.05;

        @Option(names = "--grain-density", description = "isolated background grains per pixel (default 0.002)")
        double density = 0.002;

        @Option(names = "--hit-spacing", description = "mean spacing of grains along a track, pixels (default 1.5); larger = sparser hits")
        double spacing = 1.5;

        @Override
        public Integer call() {
            if (n < 1) {
                System.err.println("error: --n must be at least 1, got " + n);
                return 2;
            }
            try {
                TrackImageSpec d = TrackImageSpec.defaults().withSize(size, size).withTracks(minTracks, maxTracks).withBackground(noise, density);
                TrackImageSpec spec = new TrackImageSpec(d.width(), d.height(), d.minTracks(), d.maxTracks(), spacing, d.hitJitter(),
                        d.hitIntensity(), d.hitIntensitySpread(), d.hitRadius(), d.noiseSigma(), d.isolatedGrainDensity(), d.offsetFraction(),
                        d.minAngleSeparation());
                TrackImageSet set = TrackImageSet.generate(new TrackImageGenerator(spec), seed, 0, n);
                TrackImageFiles.write(out, set);
                System.out.println("wrote " + n + " images and " + TrackImageFiles.TRUTH_FILE + " to " + out);
                return 0;
            } catch (IllegalArgumentException | DataException e) {
                System.err.println("error: " + e.getMessage());
                return 2;
            }
        }
    }
}
