package org.repcon.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.data.ImageFiles;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.diffusion.sampling.SamplerKind;
import org.repcon.io.AtomicFiles;
import org.repcon.training.progress.TaskProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon sample --model RUN_DIR --n N --out DIR [--sampler ddpm|ddim] [--steps S] [--seed K]}: N images from a
 * trained {@code diffusion} model (EMA weights) as {@code sample-0000.png} ... Every sample is generated before the
 * first file is written, and each PNG is written atomically: an interrupted or failed run leaves no partial file.
 */
@Command(name = "sample", description = "Generate images with a trained diffusion model (a 'diffusion' run) as PNG files.")
final class SampleCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed diffusion run directory")
    Path model;

    @Option(names = "--n", required = true, paramLabel = "N", description = "number of images")
    int n;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the PNGs (created; files of the same name are replaced)")
    Path out;

    @Option(names = "--sampler", defaultValue = "ddim", paramLabel = "ddpm|ddim", description = "ancestral DDPM (all T steps) or deterministic DDIM (default: ${DEFAULT-VALUE})")
    String sampler;

    @Option(names = "--steps", defaultValue = "50", paramLabel = "S", description = "DDIM steps (default: ${DEFAULT-VALUE}; DDPM always takes T)")
    int steps;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed of the noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--progress", description = "progress display: auto, bar, log, none (default: auto = bar on a terminal, log otherwise)")
    String progress = "auto";

    @Override
    public Integer call() throws Exception {
        try {
            SamplerKind kind = SamplerKind.parse(sampler);
            if (n < 1 || n > 1_000_000) {
                throw new IllegalArgumentException("--n must be in [1, 1000000], got " + n);
            }
            try (TrainedDiffusion d = TrainedDiffusion.load(model)) {
                if (!d.isImageModel()) {
                    throw new IllegalArgumentException(model + " is a vector model (diffusion-2d): it generates points, not images");
                }
                ImageSet images;
                try (TaskProgress bar = Progress.task(progress, "sampling (" + kind.name().toLowerCase(Locale.ROOT) + ")",
                        d.model().sampleCost(n, kind, steps))) {
                    images = d.sample(n, kind, steps, seed, bar);
                }
                AtomicFiles.createDirectories(out);
                int digits = Math.max(4, Integer.toString(n - 1).length());
                for (int i = 0; i < images.size(); i++) {
                    float[] chw = java.util.Arrays.copyOfRange(images.pixels(), i * images.imageSize(), (i + 1) * images.imageSize());
                    ImageFiles.writePng(out.resolve(String.format(Locale.ROOT, "sample-%0" + digits + "d.png", i)), chw, images.channels(),
                            images.height(), images.width());
                }
                System.out.println("wrote " + n + " sample(s) (" + kind.name().toLowerCase(Locale.ROOT)
                        + (kind == SamplerKind.DDIM ? ", " + steps + " steps" : "") + ", seed " + seed + ") to " + out);
                return 0;
            }
        } catch (DataException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }
}
