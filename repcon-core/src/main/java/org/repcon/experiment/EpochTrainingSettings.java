package org.repcon.experiment;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import org.repcon.spec.Spec;

/**
 * The {@code training} section of every experiment trained in epochs of minibatches by one Adam stage; only the
 * defaults of {@code batch_size} and {@code lr_schedule} are the experiment's own:
 * <pre>
 * training:
 *   dtype: float32            # or float64
 *   batch_size: 128           # the experiment's default
 *   epochs: 3
 *   lr: 1.0e-3
 *   lr_schedule: {type: cosine, min_lr: 1.0e-5}   # the experiment's default; see {@link LrScheduleSettings}
 *   log_every: 50             # metrics.csv row interval
 *   checkpoint_every: 1000    # 0: only at the end
 *   keep_checkpoints: 2
 * </pre>
 * An absent {@code lr_schedule} whose default is constant is not recorded in the resolved spec.
 */
public record EpochTrainingSettings(DataType dtype, int batchSize, int epochs, double lr, LrScheduleSettings schedule,
        long logEvery, long checkpointEvery, int keepCheckpoints) {

    /** Reads and validates the section with the experiment's default batch size and schedule. */
    public static EpochTrainingSettings read(Spec s, int defaultBatchSize, LrScheduleSettings defaultSchedule) {
        DataType dtype = TrainingSettings.dtype(s);
        int batchSize = s.getInt("batch_size", defaultBatchSize, 1, 1 << 20);
        int epochs = s.getInt("epochs", 3, 1, 100_000);
        double lr = s.getPositiveDouble("lr", 1e-3);
        LrScheduleSettings schedule = defaultSchedule;
        if (s.has("lr_schedule") || !(defaultSchedule instanceof LrScheduleSettings.Constant)) {
            schedule = LrScheduleSettings.read(s.getChildOrEmpty("lr_schedule"), lr, defaultSchedule);
        }
        s.ignore("lr_schedule"); // known even when absent
        return new EpochTrainingSettings(dtype, batchSize, epochs, lr, schedule, s.getLong("log_every", 50, 1, Long.MAX_VALUE),
                s.getLong("checkpoint_every", 1000, 0, Long.MAX_VALUE), s.getInt("keep_checkpoints", 2, 1, 1000));
    }

    /** One Adam stage of {@code epochs * batchesPerEpoch} steps, in the trainer's terms. */
    public TrainingSettings settings(int batchesPerEpoch) {
        return new TrainingSettings(dtype, logEvery, checkpointEvery, keepCheckpoints,
                List.of(new StageSettings.AdamStage((long) epochs * batchesPerEpoch, lr, schedule, 0)));
    }
}
