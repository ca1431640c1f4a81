package org.repcon.anomaly.unknown;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.repcon.anomaly.NegativeElbo;
import org.repcon.anomaly.ScoreProgress;
import org.repcon.autoencoders.experiment.TrainedAutoencoder;
import org.repcon.data.ImageSet;

/**
 * The two scores of unlikely vs unknown for a set of images under an ensemble of K >= 2 VAEs trained alike with
 * different seeds:
 * <ul>
 *   <li>{@link #density}: the members' mean -ELBO in bits/dim ({@link NegativeElbo}, member k's decoder scale chosen
 *       on the validation images, its z drawn from {@code seed + k}): high where the data are improbable;</li>
 *   <li>{@link #knowledge}: log10 of the members' reconstruction disagreement
 *       ({@link EnsembleDisagreement#pixelVariance}, floored at 1e-30): high where the training data did not pin the
 *       models down;</li>
 *   <li>{@link #elboSpread}: the standard deviation of the members' -ELBO (reported; it grows with the -ELBO itself
 *       and so largely repeats the density score).</li>
 * </ul>
 * Each array has one value per image, [N].
 */
public record EnsembleScores(double[] density, double[] knowledge, double[] elboSpread) {

    /** The number of images scored. */
    public int size() {
        return density.length;
    }

    /**
     * Scores several sets with every member, one member in memory at a time.
     *
     * @param members completed {@code autoencoder} runs of VAEs (model.type: vae) of one image shape
     * @param validation images of the training distribution, held out from training: each member's decoder scale is
     *     chosen on them
     * @param sets name -> images, each scored by every member
     * @return name -> scores, in the order of {@code sets}
     * @throws IllegalArgumentException with fewer than 2 members, a member that is not a VAE run, or images of another
     *     shape than the members'
     */
    public static Map<String, EnsembleScores> of(List<Path> members, ImageSet validation, Map<String, ImageSet> sets, long seed,
            ScoreProgress progress) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 members (VAE runs trained alike with different seeds), got "
                    + members.size());
        }
        Map<String, List<double[]>> elbos = new LinkedHashMap<>();
        Map<String, List<float[]>> recons = new LinkedHashMap<>();
        sets.keySet().forEach(s -> {
            elbos.put(s, new ArrayList<>());
            recons.put(s, new ArrayList<>());
        });
        int per = 0;
        for (int k = 0; k < members.size(); k++) {
            String label = "member " + (k + 1) + "/" + members.size();
            try (TrainedAutoencoder m = TrainedAutoencoder.load(members.get(k))) {
                requireShape(m, members.get(k), validation);
                NegativeElbo elbo = NegativeElbo.fit(m, validation, seed + k);
                for (Map.Entry<String, ImageSet> e : sets.entrySet()) {
                    requireShape(m, members.get(k), e.getValue());
                    elbos.get(e.getKey()).add(progress.scores(label + " -ELBO (" + e.getKey() + ")", e.getValue(), elbo::score));
                    recons.get(e.getKey()).add(m.reconstruct(e.getValue()).pixels());
                }
                per = m.channels() * m.height() * m.width();
            }
        }
        Map<String, EnsembleScores> out = new LinkedHashMap<>();
        for (String s : sets.keySet()) {
            double[] u = EnsembleDisagreement.pixelVariance(recons.get(s), per);
            out.put(s, new EnsembleScores(EnsembleDisagreement.mean(elbos.get(s)),
                    Arrays.stream(u).map(v -> Math.log10(Math.max(v, 1e-30))).toArray(), EnsembleDisagreement.spread(elbos.get(s))));
        }
        return out;
    }

    private static void requireShape(TrainedAutoencoder m, Path run, ImageSet images) {
        if (images.channels() != m.channels() || images.height() != m.height() || images.width() != m.width()) {
            throw new IllegalArgumentException(String.format("%s holds %dx%dx%d images but the member %s takes %dx%dx%d", images.name(),
                    images.channels(), images.height(), images.width(), run, m.channels(), m.height(), m.width()));
        }
    }
}
