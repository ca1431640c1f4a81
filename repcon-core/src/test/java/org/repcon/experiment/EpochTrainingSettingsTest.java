package org.repcon.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.repcon.optim.LearningRateSchedule;
import org.repcon.spec.Spec;
import org.repcon.spec.SpecException;
import org.repcon.spec.SpecLoader;

/** The epoch-training section and the parsed learning-rate schedules of stages: keys, defaults, recorded spec, errors. */
class EpochTrainingSettingsTest {
    private static final LrScheduleSettings COSINE = new LrScheduleSettings.Cosine(1e-5);

    private static Spec training(String yaml) {
        return SpecLoader.parse(yaml.isEmpty() ? "{}" : yaml, "test.yaml");
    }

    @Test
    void defaultsAreTheExperimentsOwnAndRecorded() {
        Spec s = training("");
        EpochTrainingSettings t = EpochTrainingSettings.read(s, 64, COSINE);
        assertEquals(new EpochTrainingSettings(DataType.FLOAT32, 64, 3, 1e-3, COSINE, 50, 1000, 2), t);
        s.finish();
        assertEquals(List.of("dtype", "batch_size", "epochs", "lr", "lr_schedule", "log_every", "checkpoint_every",
                "keep_checkpoints"), List.copyOf(s.rawTree().keySet()));
        assertEquals(Map.of("type", "cosine", "min_lr", 1e-5), s.rawTree().get("lr_schedule"));
    }

    @Test
    void anAbsentConstantScheduleIsAcceptedButNotRecorded() {
        Spec s = training("");
        EpochTrainingSettings t = EpochTrainingSettings.read(s, 128, new LrScheduleSettings.Constant());
        s.finish();
        assertEquals(new LrScheduleSettings.Constant(), t.schedule());
        assertFalse(s.rawTree().containsKey("lr_schedule"), s.rawTree().toString());
        Spec given = training("lr_schedule: {type: step}");
        EpochTrainingSettings stepped = EpochTrainingSettings.read(given, 128, new LrScheduleSettings.Constant());
        given.finish();
        assertEquals(new LrScheduleSettings.StepDecay(0.5, 1000), stepped.schedule());
        assertEquals(Map.of("type", "step", "factor", 0.5, "every", 1000L), given.rawTree().get("lr_schedule"));
    }

    @Test
    void theDefaultsParametersApplyOnlyToItsOwnType() {
        assertEquals(new LrScheduleSettings.Cosine(1e-5), schedule("{}", COSINE));
        assertEquals(new LrScheduleSettings.Cosine(0), schedule("{type: cosine}", new LrScheduleSettings.Constant()));
        assertEquals(new LrScheduleSettings.Exponential(0.5, 1000), schedule("{type: exponential}", COSINE));
        assertEquals(new LrScheduleSettings.Exponential(0.25, 10), schedule("{type: exponential, rate: 0.25, every: 10}", COSINE));
        assertEquals(new LrScheduleSettings.Constant(), schedule("{type: constant}", COSINE));
    }

    private static LrScheduleSettings schedule(String yaml, LrScheduleSettings def) {
        return EpochTrainingSettings.read(training("lr_schedule: " + yaml), 1, def).schedule();
    }

    @Test
    void minLrAboveLrIsAnErrorNamingTheKeyEvenAsADefault() {
        SpecException given = assertThrows(SpecException.class,
                () -> EpochTrainingSettings.read(training("lr: 1.0e-3\nlr_schedule: {min_lr: 0.01}"), 1, COSINE));
        assertEquals("spec error at lr_schedule.min_lr: expected a number in [0, 0.001], got 0.01", given.getMessage());
        SpecException defaulted = assertThrows(SpecException.class,
                () -> EpochTrainingSettings.read(training("lr: 1.0e-6"), 1, COSINE));
        assertEquals("lr_schedule.min_lr", defaulted.path());
    }

    @Test
    void settingsAreOneAdamStageOfEpochsTimesBatchesWithTheSchedule() {
        EpochTrainingSettings t = EpochTrainingSettings.read(training("epochs: 4\nlr: 0.01"), 8, new LrScheduleSettings.Cosine(1e-4));
        TrainingSettings s = t.settings(25);
        assertEquals(1, s.stages().size());
        StageSettings.AdamStage adam = (StageSettings.AdamStage) s.stages().get(0);
        assertEquals(100, adam.steps());
        assertEquals(0.01, adam.lr());
        assertEquals(0.0, adam.weightDecay());
        LearningRateSchedule lrs = adam.schedule().schedule(adam.lr(), adam.steps());
        for (long step : new long[] {0, 30, 100}) {
            double want = 1e-4 + 0.5 * (0.01 - 1e-4) * (1 + Math.cos(Math.PI * step / 100));
            assertEquals(want, lrs.at(step), 1e-15, "step " + step);
        }
    }

    @Test
    void stagesReadTheirScheduleAsBefore() {
        Spec s = training("stages:\n  - {optimizer: adam, steps: 10, lr: 0.1, lr_schedule: {type: exponential, rate: 0.1, every: 5}}\n"
                + "  - {optimizer: lbfgs, steps: 7}");
        TrainingSettings t = TrainingSettings.read(s);
        s.finish();
        assertEquals(new StageSettings.AdamStage(10, 0.1, new LrScheduleSettings.Exponential(0.1, 5), 0), t.stages().get(0));
        assertEquals(new StageSettings.LbfgsStage(7, 1.0, 50, 25, 1e-9, 1e-12, 0), t.stages().get(1));
        assertEquals(0.1 * Math.pow(0.1, 7 / 5.0), ((StageSettings.AdamStage) t.stages().get(0)).schedule().schedule(0.1, 10).at(7), 1e-15);
        Spec noType = training("stages: [{optimizer: adam}]");
        TrainingSettings.read(noType);
        assertEquals(Map.of("type", "constant"), ((List<?>) noType.rawTree().get("stages")).stream()
                .map(m -> ((Map<?, ?>) m).get("lr_schedule")).findFirst().orElseThrow());
    }
}
