package org.repcon.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.repcon.data.DataException;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.ImageInput;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.io.AtomicFiles;
import org.repcon.training.progress.TaskProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon score --model RUN_DIR --input IMAGES --out scores.csv [--sigmas 0.1,0.2,0.4] [--seed K]}: per image
 * the variational bound in bits per dimension and the de-noising error at each sigma (mean squared error in [-1, 1]
 * units after de-noising the image plus Gaussian noise of that sigma) and its PSNR. Images of another size or colour
 * are converted, and what was converted is printed ({@link ImageInput}); a grayscale IDX file for a colour model is
 * refused. The CSV is written atomically, after every image was scored.
 */
@Command(name = "score", description = "Score images with a trained diffusion model: bits/dim and de-noising errors per image, as CSV.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed diffusion run directory")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IMAGES", description = "a folder of PNG/JPEG images, one image file, or an IDX image file")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "the scores: name,bits_per_dim,denoise_mse_<sigma>...,denoise_psnr_<sigma>...")
    Path out;

    @Option(names = "--sigmas", defaultValue = "0.1,0.2,0.4", split = ",", paramLabel = "S,...", description = "noise levels in [-1, 1] units (default: ${DEFAULT-VALUE})")
    List<Double> sigmas;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed of the added noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--progress", description = "progress display: auto, bar, log, none (default: auto = bar on a terminal, log otherwise)")
    String progress = "auto";

    @Override
    public Integer call() throws Exception {
        try (TrainedDiffusion d = TrainedDiffusion.load(model)) {
            if (!d.isImageModel()) {
                throw new IllegalArgumentException(model + " is a vector model (diffusion-2d): it scores points, not images");
            }
            long[] shape = d.sampleShape();
            ImageInput read = ImageInput.read(input, (int) shape[0], (int) shape[1], (int) shape[2]);
            read.conversions().forEach(c -> System.err.println("converted: " + c));
            ImageSet images = read.images();
            double[] s = sigmas.stream().mapToDouble(Double::doubleValue).toArray();
            double[] bpd;
            try (TaskProgress bar = Progress.task(progress, "bits/dim bound", d.bitsPerDimCost(images.size()))) {
                bpd = d.bitsPerDim(images, bar);
            }
            double[][] errors;
            try (TaskProgress bar = Progress.task(progress, "de-noising", d.denoisingCost(images.size(), s))) {
                errors = d.denoisingErrors(images, s, seed, bar);
            }
            StringBuilder csv = new StringBuilder("name,bits_per_dim");
            for (double sigma : s) {
                csv.append(",denoise_mse_").append(sigma);
            }
            for (double sigma : s) {
                csv.append(",denoise_psnr_").append(sigma);
            }
            csv.append('\n');
            for (int i = 0; i < images.size(); i++) {
                csv.append(quote(images.names() == null ? Integer.toString(i) : images.names().get(i))).append(',').append(num(bpd[i]));
                for (double e : errors[i]) {
                    csv.append(',').append(num(e));
                }
                for (double e : errors[i]) {
                    csv.append(',').append(num(10 * Math.log10(4 / e)));
                }
                csv.append('\n');
            }
            AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
            System.out.println("scored " + images.size() + " image(s) from " + input + " into " + out);
            return 0;
        } catch (DataException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
