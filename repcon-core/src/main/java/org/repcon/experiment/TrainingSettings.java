package org.repcon.experiment;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.repcon.nn.Parameters;
import org.repcon.spec.Spec;
import org.repcon.training.TrainingStage;

/**
 * The {@code training} section every experiment shares:
 * <pre>
 * training:
 *   dtype: float32            # or float64
 *   log_every: 100            # metrics.csv row interval
 *   checkpoint_every: 1000    # 0: only at the end
 *   keep_checkpoints: 2
 *   stages: [ ... ]           # see {@link StageSettings}
 * </pre>
 */
public record TrainingSettings(DataType dtype, long logEvery, long checkpointEvery, int keepCheckpoints, List<StageSettings> stages) {

    /** Precision of parameters and data. */
    public enum Precision { FLOAT32, FLOAT64 }

    /** Reads and validates the section (at least one stage). */
    public static TrainingSettings read(Spec s) {
        DataType dtype = dtype(s);
        long logEvery = s.getLong("log_every", 100, 1, Long.MAX_VALUE);
        long checkpointEvery = s.getLong("checkpoint_every", 1000, 0, Long.MAX_VALUE);
        int keep = s.getInt("keep_checkpoints", 2, 1, 1000);
        List<StageSettings> stages = new ArrayList<>();
        for (Spec stage : s.getChildList("stages")) {
            stages.add(StageSettings.read(stage));
        }
        if (stages.isEmpty()) {
            throw s.error("stages", "at least one stage is required");
        }
        return new TrainingSettings(dtype, logEvery, checkpointEvery, keep, List.copyOf(stages));
    }

    /** The section's {@code dtype}: float32 (the default) or float64. */
    static DataType dtype(Spec s) {
        return s.getEnum("dtype", Precision.class, Precision.FLOAT32) == Precision.FLOAT64 ? DataType.FLOAT64 : DataType.FLOAT32;
    }

    /** The stages over {@code parameters}. */
    public List<TrainingStage> toStages(Parameters parameters) {
        return stages.stream().map(s -> s.toStage(parameters)).toList();
    }
}
