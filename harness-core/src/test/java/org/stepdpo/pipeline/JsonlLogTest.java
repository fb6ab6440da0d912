package org.stepdpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.pipeline.Records.SampleLine;

class JsonlLogTest {

    @Test
    void aTornLastLineIsCutOffAndAppendingContinuesAfterTheLastCompleteRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samples.jsonl");
        try (JsonlLog<SampleLine> log = JsonlLog.open(file, SampleLine.class)) {
            log.append(new SampleLine("p", 0, 0, 1, "a", "eos", "1", true));
            log.append(new SampleLine("p", 0, 1, 2, "b", "eos", null, false));
        }
        String complete = Files.readString(file);
        Files.writeString(file, complete + "{\"problem_id\":\"p\",\"problem_in");
        try (JsonlLog<SampleLine> log = JsonlLog.open(file, SampleLine.class)) {
            assertThat(log.existing()).extracting(SampleLine::sampleIndex).containsExactly(0, 1);
            assertThat(Files.readString(file)).isEqualTo(complete);
            log.append(new SampleLine("p", 0, 2, 3, "c", "length", null, false));
        }
        assertThat(JsonlLog.readAll(file, SampleLine.class)).extracting(SampleLine::completion).containsExactly("a", "b", "c");
    }

    @Test
    void aBrokenCompleteLineIsAnErrorNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("samples.jsonl");
        Files.writeString(file, "{\"problem_id\":\"p\",\"sample_index\":0}\nnot json\n");
        assertThatThrownBy(() -> JsonlLog.open(file, SampleLine.class)).hasMessageContaining("samples.jsonl:2:");
    }
}
