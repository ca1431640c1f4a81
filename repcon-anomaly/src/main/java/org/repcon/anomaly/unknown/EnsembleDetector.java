package org.repcon.anomaly.unknown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.repcon.anomaly.ComplexityCorrection;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.data.FashionMnist;
import org.repcon.data.ImageSet;
import org.repcon.evaluation.PngComplexity;
import org.repcon.experiment.RunDirectory;
import org.repcon.experiment.RunSettings;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecLoader;

/**
 * Judges images typical, unlikely or unknown with an ensemble of VAEs ({@link EnsembleScores}) and a
 * {@link VerdictRule} whose thresholds are set on validation images at stated false-alarm rates (default 5% each).
 * Built from the members and validation images ({@link #builder}) or from a completed {@code anomaly-unlikely-unknown}
 * run ({@link #fromRun}), which then judges exactly as that run did.
 *
 * <pre>{@code
 * EnsembleDetector d = EnsembleDetector.builder().setMembers(List.of(run1, run2, run3)).setValidation(heldOut).build();
 * EnsembleDetector.Detection r = d.judge(images, ScoreProgress.of(null, 500));
 * r.verdicts()[0];   // Verdict.TYPICAL, UNLIKELY or UNKNOWN
 * }</pre>
 * Each call scores the validation images again (the fits are deterministic given the seed), one member in memory at a
 * time.
 */
public final class EnsembleDetector {
    private final List<Path> members;
    private final ImageSet validation;
    private final int rareClass;
    private final double unlikelyRate;
    private final double unknownRate;
    private final long seed;

    private EnsembleDetector(Builder b) {
        this.members = List.copyOf(b.members);
        this.validation = b.validation;
        this.rareClass = b.rareClass;
        this.unlikelyRate = b.unlikelyRate;
        this.unknownRate = b.unknownRate;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The detector of a completed {@code anomaly-unlikely-unknown} run: its members ({@code runs/vae-<k>}), its
     * validation images (the held-out part of {@code data/train}, the first {@code data.validation_limit}), its rare
     * class left out of the unlikely threshold, its seed, and its rates ({@code data.tail_fraction} for unlikely,
     * {@code evaluation.false_alarm} for unknown) unless {@code falseAlarm} (both rates) is given.
     *
     * @param falseAlarm both rates, or null for the run's own
     * @throws IllegalArgumentException if {@code run} is not a completed run of that experiment or its files are missing
     */
    public static EnsembleDetector fromRun(Path run, Double falseAlarm) throws IOException {
        RunDirectory dir = new RunDirectory(run);
        if (!Files.isRegularFile(dir.spec())) {
            throw new IllegalArgumentException(run + " is not a run directory (no " + dir.spec().getFileName() + ")");
        }
        Spec spec = SpecLoader.load(dir.spec());
        if (!"anomaly-unlikely-unknown".equals(spec.rawTree().get("experiment"))) {
            throw new IllegalArgumentException(run + " is a run of " + spec.rawTree().get("experiment") + ", not of anomaly-unlikely-unknown");
        }
        if (!"completed".equals(dir.readState())) {
            throw new IllegalArgumentException(run + " has not completed (state " + dir.readState() + "): resume it first");
        }
        AnomalyUnknownConfig c = AnomalyUnknownConfig.read(spec, RunSettings.seed(spec), RunSettings.threads(spec));
        ImageSet held = FashionMnist.load(run.resolve("data").resolve("train"), FashionMnist.Split.TEST, 0);
        List<Path> members = new ArrayList<>();
        for (int k = 1; k <= c.members(); k++) {
            members.add(run.resolve("runs").resolve("vae-" + k));
        }
        Builder b = builder().setMembers(members).setValidation(held.head(Math.min(c.validationLimit(), held.size())))
                .optRareClass(c.rareClass()).optSeed(RunSettings.seed(spec));
        return (falseAlarm == null ? b.optUnlikelyRate(c.tailFraction()).optUnknownRate(c.falseAlarm())
                : b.optUnlikelyRate(falseAlarm).optUnknownRate(falseAlarm)).build();
    }

    /** The members' run directories. */
    public List<Path> members() {
        return members;
    }

    /** The rates of unlikely and unknown on validation images, {beta, alpha}. */
    public double[] rates() {
        return new double[] {unlikelyRate, unknownRate};
    }

    /**
     * Scores {@code images} and the validation images, fits the rule on the latter and judges the former.
     *
     * @throws IllegalArgumentException if the images' shape is not the members'
     */
    public Detection judge(ImageSet images, ScoreProgress progress) {
        Map<String, ImageSet> sets = new LinkedHashMap<>();
        sets.put("validation", validation);
        sets.put("input", images);
        Map<String, EnsembleScores> s = EnsembleScores.of(members, validation, sets, seed, progress);
        EnsembleScores val = s.get("validation");
        int[] labels = validation.labels();
        double[] tail = labels == null || rareClass < 0 ? val.density()
                : IntStream.range(0, val.size()).filter(i -> labels[i] != rareClass).mapToDouble(i -> val.density()[i]).toArray();
        VerdictRule rule = VerdictRule.fit(val, tail, unlikelyRate, unknownRate);
        EnsembleScores in = s.get("input");
        double[] png = PngComplexity.bitsPerDim(images);
        return new Detection(rule, val, in, rule.combination(in), png, ComplexityCorrection.of(in.density(), png), rule.verdicts(in));
    }

    /**
     * The judgement of a set of images.
     *
     * @param rule the rule fitted on the validation images
     * @param validation the validation images' scores
     * @param scores the images' density and knowledge scores
     * @param combination their combination; [N]
     * @param pngBitsPerDim the images' PNG size in bits/dim (their complexity); [N]
     * @param complexityCorrected density minus the PNG size; [N]
     * @param verdicts [N]
     */
    public record Detection(VerdictRule rule, EnsembleScores validation, EnsembleScores scores, double[] combination,
            double[] pngBitsPerDim, double[] complexityCorrected, Verdict[] verdicts) {}

    /** Members and validation images are required; the rest is optional. */
    public static final class Builder {
        private List<Path> members;
        private ImageSet validation;
        private int rareClass = -1;
        private double unlikelyRate = 0.05;
        private double unknownRate = 0.05;
        private long seed = 1;

        /** The completed VAE runs (at least 2, trained alike with different seeds on the same data). */
        public Builder setMembers(List<Path> members) {
            this.members = members;
            return this;
        }

        /** Images of the training distribution the members never trained on; the thresholds are set on them. */
        public Builder setValidation(ImageSet validation) {
            this.validation = validation;
            return this;
        }

        /** A class kept rare on purpose: its validation images do not set the unlikely threshold (default: none). */
        public Builder optRareClass(int rareClass) {
            this.rareClass = rareClass;
            return this;
        }

        /** The share of validation images above the density threshold (default 0.05). */
        public Builder optUnlikelyRate(double rate) {
            this.unlikelyRate = rate;
            return this;
        }

        /** The share of validation images above the combination threshold (default 0.05). */
        public Builder optUnknownRate(double rate) {
            this.unknownRate = rate;
            return this;
        }

        /** The seed of the ELBO's draws (member k uses seed + k; default 1). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @throws IllegalArgumentException if members or validation images are missing, fewer than 2 members or 3
         *     validation images, or a rate outside (0, 1)
         */
        public EnsembleDetector build() {
            if (members == null || members.size() < 2) {
                throw new IllegalArgumentException("the detector needs at least 2 ensemble members (VAE runs), got "
                        + (members == null ? 0 : members.size()));
            }
            if (validation == null || validation.size() < 3) {
                throw new IllegalArgumentException("the detector needs at least 3 validation images to set its thresholds, got "
                        + (validation == null ? 0 : validation.size()));
            }
            for (double r : new double[] {unlikelyRate, unknownRate}) {
                if (!(r > 0 && r < 1)) {
                    throw new IllegalArgumentException("a false-alarm rate must be in (0, 1), e.g. 0.05, got " + r);
                }
            }
            return new EnsembleDetector(this);
        }
    }
}
