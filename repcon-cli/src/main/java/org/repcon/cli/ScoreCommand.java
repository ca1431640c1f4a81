package org.repcon.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.repcon.anomaly.ComplexityCorrection;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.anomaly.unknown.EnsembleDetector;
import org.repcon.anomaly.unknown.EnsembleScores;
import org.repcon.anomaly.unknown.Verdict;
import org.repcon.anomaly.unknown.VerdictRule;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.DataException;
import org.repcon.data.ImageInput;
import org.repcon.data.ImageSet;
import org.repcon.diffusion.TrainedDiffusion;
import org.repcon.evaluation.PngComplexity;
import org.repcon.experiment.RunDirectory;
import org.repcon.io.AtomicFiles;
import org.repcon.spec.SpecLoader;
import org.repcon.training.progress.TaskProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code repcon score --model RUN --input IMAGES --out scores.csv}: anomaly scores per image, and with an ensemble a
 * verdict per image.
 * <ul>
 *   <li>a {@code diffusion} run: the variational bound in bits per dimension, the PNG size of the image in bits per
 *       dimension and the complexity-corrected bound (their difference, Serra et al. 2020), and the de-noising error
 *       at each sigma (mean squared error in [-1, 1] units after de-noising the image plus Gaussian noise of that
 *       sigma) and its PSNR ({@code --sigmas}, {@code --seed});</li>
 *   <li>an {@code anomaly-unlikely-unknown} run, or {@code --model} given once per member for 2 or more VAE runs
 *       ({@code autoencoder} runs of model.type vae, trained alike with different seeds) with
 *       {@code --validation IMAGES}: the density score (mean -ELBO), the knowledge score (log10 disagreement of the
 *       members' reconstructions), their combination, and a verdict typical / unlikely / unknown whose thresholds are
 *       set on validation images at the false-alarm rate ({@code --false-alarm}, default 0.05 each; a run's own rates
 *       otherwise), never on the images scored ({@link EnsembleDetector}).</li>
 * </ul>
 * Images of another size or colour are converted, and what was converted is printed ({@link ImageInput}); a grayscale
 * IDX file for a colour model is refused. The CSV is written atomically, after every image was scored.
 */
@Command(name = "score", description = "Score images with trained models: anomaly scores per image and, with an ensemble, a verdict "
        + "typical/unlikely/unknown (thresholds on validation images), as CSV.")
final class ScoreCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "RUN_DIR", description = "a completed diffusion or anomaly-unlikely-unknown "
            + "run directory; or, repeated, 2 or more VAE runs forming an ensemble (with --validation)")
    List<Path> models;

    @Option(names = "--input", required = true, paramLabel = "IMAGES", description = "a folder of PNG/JPEG images, one image file, or an IDX image file")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "CSV", description = "the scores, one row per image")
    Path out;

    @Option(names = "--validation", paramLabel = "IMAGES", description = "held-out images of the training distribution, for an "
            + "ensemble of VAE runs: the thresholds of the verdicts are set on them")
    Path validation;

    @Option(names = "--false-alarm", paramLabel = "RATE", description = "share of validation images called unlikely, and share called "
            + "unknown (default 0.05; an anomaly-unlikely-unknown run's own rates)")
    Double falseAlarm;

    @Option(names = "--sigmas", defaultValue = "0.1,0.2,0.4", split = ",", paramLabel = "S,...", description = "diffusion: noise levels in [-1, 1] units (default: ${DEFAULT-VALUE})")
    List<Double> sigmas;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "K", description = "seed of the added noise, or of the ELBO draws of an ensemble of VAE runs (an anomaly-unlikely-unknown run uses its own) (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--progress", description = "progress display: auto, bar, log, none (default: auto = bar on a terminal, log otherwise)")
    String progress = "auto";

    @Override
    public Integer call() throws Exception {
        try {
            if (models.size() == 1 && "anomaly-unlikely-unknown".equals(experimentOf(models.get(0)))) {
                if (validation != null) {
                    throw new IllegalArgumentException("--validation is not used with an anomaly-unlikely-unknown run: its thresholds are set on "
                            + "the run's own validation images");
                }
                EnsembleDetector detector = EnsembleDetector.fromRun(models.get(0), falseAlarm);
                return ensemble(detector, shapeOf(detector.members().get(0)), "the validation images of " + models.get(0));
            }
            if (models.size() > 1) {
                for (Path m : models) {
                    String e = experimentOf(m);
                    if (!"autoencoder".equals(e)) {
                        throw new IllegalArgumentException("--model given " + models.size() + " times: each must be a VAE run (autoencoder), but "
                                + m + " is " + (e == null ? "not a repcon run directory" : "a run of " + e));
                    }
                }
                if (validation == null) {
                    throw new IllegalArgumentException("an ensemble of VAE runs needs --validation IMAGES (held-out images of its training "
                            + "distribution): the thresholds of the verdicts are set on them");
                }
                int[] shape = shapeOf(models.get(0));
                ImageSet val = read(validation, shape);
                double rate = falseAlarm == null ? 0.05 : falseAlarm;
                return ensemble(EnsembleDetector.builder().setMembers(models).setValidation(val).optUnlikelyRate(rate).optUnknownRate(rate)
                        .optSeed(seed).build(), shape, val.size() + " validation images of " + validation);
            }
            if ("autoencoder".equals(experimentOf(models.get(0)))) {
                throw new IllegalArgumentException(models.get(0) + " is one autoencoder run: verdicts need an ensemble (give --model once per "
                        + "VAE run, 2 or more trained alike with different seeds, and --validation IMAGES), or an anomaly-unlikely-unknown run");
            }
            return diffusion(models.get(0));
        } catch (DataException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** The experiment of a run directory, or null if it has no spec (TrainedDiffusion then says what is wrong). */
    private static String experimentOf(Path run) {
        Path spec = new RunDirectory(run).spec();
        return Files.isRegularFile(spec) ? String.valueOf(SpecLoader.load(spec).rawTree().get("experiment")) : null;
    }

    /** The image shape {channels, height, width} an ensemble member takes. */
    private static int[] shapeOf(Path member) {
        try (TrainedAutoencoder m = TrainedAutoencoder.load(member)) {
            return new int[] {m.channels(), m.height(), m.width()};
        }
    }

    private static ImageSet read(Path images, int[] shape) throws java.io.IOException {
        ImageInput read = ImageInput.read(images, shape[0], shape[1], shape[2]);
        read.conversions().forEach(x -> System.err.println("converted (" + images.getFileName() + "): " + x));
        return read.images();
    }

    private int ensemble(EnsembleDetector detector, int[] shape, String thresholdsOn) throws java.io.IOException {
        ImageSet images = read(input, shape);
        EnsembleDetector.Detection d = detector.judge(images, ScoreProgress.of(Progress.factory(progress), 500));
        EnsembleScores s = d.scores();
        double[] png = d.pngBitsPerDim();
        StringBuilder csv = new StringBuilder("name,density_neg_elbo,knowledge_recon_disagreement,knowledge_elbo_spread,combination_residual,"
                + "density_complexity_corrected,png_bits_per_dim,verdict\n");
        int[] counts = new int[Verdict.values().length];
        for (int i = 0; i < images.size(); i++) {
            csv.append(quote(nameOf(images, i)));
            for (double v : new double[] {s.density()[i], s.knowledge()[i], s.elboSpread()[i], d.combination()[i], d.complexityCorrected()[i], png[i]}) {
                csv.append(',').append(num(v));
            }
            csv.append(',').append(d.verdicts()[i].label()).append('\n');
            counts[d.verdicts()[i].ordinal()]++;
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        VerdictRule r = d.rule();
        System.out.printf(Locale.ROOT, "thresholds set on %s (%d images): unknown if combination > %.4f (%.0f%% of them), else unlikely if "
                + "density > %.4f bits/dim (%.0f%%), else typical%n", thresholdsOn, d.validation().size(), r.unknown().threshold(),
                100 * r.unknown().falseAlarmRate(), r.unlikely().threshold(), 100 * r.unlikely().falseAlarmRate());
        StringBuilder summary = new StringBuilder();
        for (Verdict v : Verdict.values()) {
            summary.append(summary.length() == 0 ? "" : ", ").append(counts[v.ordinal()]).append(' ').append(v.label());
        }
        System.out.println("scored " + images.size() + " image(s) from " + input + " into " + out + ": " + summary);
        return 0;
    }

    private int diffusion(Path model) throws java.io.IOException {
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
            double[] png = PngComplexity.bitsPerDim(images);
            double[] corrected = ComplexityCorrection.of(bpd, png);
            StringBuilder csv = new StringBuilder("name,bits_per_dim,png_bits_per_dim,complexity_corrected");
            for (double sigma : s) {
                csv.append(",denoise_mse_").append(sigma);
            }
            for (double sigma : s) {
                csv.append(",denoise_psnr_").append(sigma);
            }
            csv.append('\n');
            for (int i = 0; i < images.size(); i++) {
                csv.append(quote(nameOf(images, i))).append(',').append(num(bpd[i])).append(',').append(num(png[i])).append(',')
                        .append(num(corrected[i]));
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
        }
    }

    private static String nameOf(ImageSet images, int i) {
        return images.names() == null ? Integer.toString(i) : images.names().get(i);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
