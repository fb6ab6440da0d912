package org.stepdpo.engine.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.training.data.LoadedData;
import org.stepdpo.engine.training.data.PreferencePair;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.TrainingDataException;
import org.stepdpo.engine.training.data.TrainingDataReader;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.optim.CosineSchedule;

class TrainingDataTest {

    @TempDir
    Path dir;

    @Test
    void badRecordsFailWithFileLineAndFieldOrAreCountedWhenSkipping() {
        Path file = TrainingFixtures.write(dir.resolve("p.jsonl"), List.of(
                "{\"prompt\": \"q\", \"initial_reason_steps\": \"S1:\", \"chosen\": \" a\", \"rejected\": \" b\", \"judge\": \"mc\"}",
                "",
                "{\"prompt\": \"q\", \"chosen\": \" a\", \"rejected\": \" a\"}",
                "{\"prompt\": \"q\", \"chosen\": \"  \", \"rejected\": \" a\"}",
                "not json",
                "{\"prompt\": 3, \"chosen\": \"x\", \"rejected\": \"y\"}"));
        assertThatThrownBy(() -> TrainingDataReader.readPairs(file, Objective.STEP_DPO, false))
                .isInstanceOf(TrainingDataException.class)
                .hasMessage(file + ":3: field \"rejected\" is identical to \"chosen\": a pair needs two different answers");
        LoadedData<PreferencePair> loaded = TrainingDataReader.readPairs(file, Objective.STEP_DPO, true);
        assertThat(loaded.records()).hasSize(1);
        assertThat(loaded.records().get(0).extra()).containsKey("judge");
        assertThat(loaded.skipped()).hasSize(4);
        assertThat(loaded.skipped().get(1)).startsWith(file + ":4: field \"chosen\" is empty");
        assertThat(loaded.skipped().get(2)).startsWith(file + ":5: is not valid JSON");
        assertThat(loaded.skipped().get(3)).startsWith(file + ":6: field \"prompt\" must be a string");
        assertThatThrownBy(() -> TrainingDataReader.readPairs(file, Objective.DPO, false))
                .hasMessageContaining(":1: field \"full_chosen\" is missing");
    }

    @Test
    void truncationCutsThePromptFromTheLeftThenTheResponses() {
        Truncation t = new Truncation(10, 4);
        int[] prompt = {1, 2, 3, 4, 5, 6, 7, 8};
        Truncation.Result fits = t.apply(new int[] {1, 2}, new int[] {3, 4}, new int[] {5});
        assertThat(fits.promptCut()).isFalse();
        assertThat(fits.responsesCut()).isFalse();
        Truncation.Result promptOnly = t.apply(prompt, new int[] {9, 9, 9}, new int[] {9});
        assertThat(promptOnly.prefix()).containsExactly(5, 6, 7, 8);
        assertThat(promptOnly.responsesCut()).isFalse();
        Truncation.Result both = t.apply(prompt, new int[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {1, 2});
        assertThat(both.prefix()).containsExactly(5, 6, 7, 8);
        assertThat(both.responses()[0]).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(both.responses()[1]).containsExactly(1, 2);
        assertThat(both.responsesCut()).isTrue();
    }

    @Test
    void responsePrefixMovesIntoThePromptAndTheScheduleWarmsUpThenDecays() {
        PromptFormat f = new PromptFormat("Q: {question}\nA: ", "Let's think step by step.\nStep 1: ");
        assertThat(f.answerBody("Let's think step by step.\nStep 1: 2+2=4")).isEqualTo("2+2=4");
        assertThat(f.answerBody("Let's think step by step.\nStep 1:x")).isEqualTo("x");
        assertThat(f.answerBody("2+2=4")).isEqualTo("2+2=4");
        CosineSchedule s = CosineSchedule.withWarmupRatio(1.0, 10, 0.1);
        assertThat(s.warmupSteps()).isEqualTo(1);
        assertThat(s.lr(0)).isZero();
        assertThat(s.lr(1)).isEqualTo(1.0);
        assertThat(s.lr(9)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 8 / 9)), org.assertj.core.api.Assertions.within(1e-12));
    }
}
