package org.stepdpo.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.data.Problem;
import org.stepdpo.data.arith.ArithStepVerifier;
import org.stepdpo.data.arith.Chain;
import org.stepdpo.judges.JudgeChoice;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.reports.runs.SampleRecord;

/** The data iteration end to end on the arith task with a fake policy and the verifier judge. */
class PipelineRunnerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    @Test
    void writesEveryStageAndPairsWhoseChosenStepIsRightAndRejectedStepWrong(@TempDir Path out) throws Exception {
        List<Problem> problems = PipelineFixtures.problems();
        Map<String, Problem> byId = problems.stream().collect(Collectors.toMap(Problem::id, p -> p));
        List<String> downstreamCalls = new ArrayList<>();
        DownstreamStage training = new DownstreamStage() {
            @Override
            public String name() {
                return "train";
            }

            @Override
            public void run(PipelineOutputs outputs) {
                assertThat(outputs.pairs()).exists();
                downstreamCalls.add(outputs.sourceModel() + ":" + outputs.summary().pairs());
            }
        };
        RecordingRecorder recorder = new RecordingRecorder();
        PipelineOutputs o;
        try (FakeArithPolicy policy = new FakeArithPolicy(problems, 0.15, 0)) {
            o = new PipelineRunner(policy, recorder, List.of(training), quiet)
                    .run(PipelineFixtures.config(out, new JudgeChoice.Verifier(), 5));
        }
        PipelineSummary s = o.summary();
        assertThat(s.problems()).isEqualTo(12);
        assertThat(s.samples()).isEqualTo(48);
        assertThat(lines(o.samples())).hasSize(48);
        assertThat(s.errors()).isEqualTo(48 - s.correctSamples()).isPositive();
        // 4 samples for each of 12 problems: the mean of the per-problem shares equals the pooled share.
        assertThat(s.passAt1()).isCloseTo(s.correctSamples() / 48.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(lines(o.errors())).hasSize(s.errors());
        assertThat(lines(o.localized())).hasSize(s.errors());
        // The fake policy's only mistakes are arithmetic slips, which the verifier always finds.
        assertThat(s.localized()).isEqualTo(s.errors());
        assertThat(lines(o.rectifications())).hasSize(4 * s.localized());
        assertThat(s.pairs()).isPositive().isLessThanOrEqualTo(s.localized()); // at most one pair per error by default
        assertThat(downstreamCalls).containsExactly("fake-arith:" + s.pairs());
        assertThat(recorder.samples).hasSize(48);
        assertThat(recorder.samples.stream().filter(r -> r.firstErrorStep() != null).count()).isEqualTo(s.localized());
        assertThat(recorder.finished).isNotNull();

        ArithStepVerifier verifier = new ArithStepVerifier();
        for (String line : lines(o.pairs())) {
            JsonNode pair = JSON.readTree(line);
            assertThat(fieldNames(pair)).containsExactly("dataset", "prompt", "initial_reason_steps", "chosen", "rejected",
                    "full_chosen", "full_rejected", "answer", "step_index", "judge", "source_model", "problem_id");
            Problem p = byId.get(pair.get("problem_id").asText());
            int k = pair.get("step_index").asInt();
            String prefix = pair.get("initial_reason_steps").asText();
            assertThat(prefix).startsWith("Let's think step by step.\nStep 1:").endsWith("Step " + (k + 1) + ":");
            assertThat(pair.get("prompt").asText()).isEqualTo(p.question());
            assertThat(pair.get("answer").asText()).isEqualTo(p.referenceAnswer());
            assertThat(pair.get("judge").asText()).isEqualTo("verifier");
            assertThat(pair.get("full_chosen").asText()).startsWith(pair.get("chosen").asText())
                    .contains("The answer is: " + p.referenceAnswer());
            assertThat(pair.get("full_rejected").asText()).startsWith(pair.get("rejected").asText());
            // Prefix + full chosen passes the verifier; prefix + rejected fails exactly at step k.
            Chain chain = Chain.parse(p.metadata().get("chain"));
            assertThat(verifier.verify(chain, bodies(prefix + pair.get("full_chosen").asText())).allCorrect())
                    .as("chosen side of %s", line).isTrue();
            assertThat(verifier.verify(chain, bodies(prefix + pair.get("rejected").asText())).firstError())
                    .as("rejected step of %s", line).isEqualTo(k);
        }
        for (String line : lines(o.dpoPairs())) {
            JsonNode pair = JSON.readTree(line);
            Problem p = byId.get(pair.get("problem_id").asText());
            assertThat(pair.get("initial_reason_steps").asText()).isEqualTo("Let's think step by step.\nStep 1:");
            assertThat(pair.get("chosen").asText()).endsWith("The answer is: " + p.referenceAnswer());
            assertThat(pair.get("rejected").asText()).doesNotEndWith("The answer is: " + p.referenceAnswer());
            assertThat(pair.has("step_index")).isFalse();
        }
        assertThat(lines(o.dpoPairs())).hasSize(s.wholeAnswerPairs());
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("pairs").asInt()).isEqualTo(s.pairs());
    }

    @Test
    void rerunOfAFinishedFolderChangesNothingAndSkipsFinishedDownstreamStages(@TempDir Path out) throws Exception {
        List<Problem> problems = PipelineFixtures.problems();
        int[] calls = {0};
        DownstreamStage stage = new DownstreamStage() {
            @Override
            public String name() {
                return "eval";
            }

            @Override
            public void run(PipelineOutputs outputs) {
                calls[0]++;
            }
        };
        try (FakeArithPolicy policy = new FakeArithPolicy(problems, 0.15, 0)) {
            PipelineRunner runner = new PipelineRunner(policy, PipelineRecorder.NONE, List.of(stage), quiet);
            runner.run(PipelineFixtures.config(out, new JudgeChoice.Verifier(), 8));
            Map<String, String> before = RunFolders.snapshot(out);
            PipelineOutputs again = runner.run(PipelineFixtures.config(out, new JudgeChoice.Verifier(), 3));
            assertThat(RunFolders.snapshot(out)).isEqualTo(before);
            assertThat(again.summary().pairs()).isEqualTo(lines(again.pairs()).size());
        }
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void aFolderOfAnotherConfigurationIsRefused(@TempDir Path out) {
        List<Problem> problems = PipelineFixtures.problems();
        try (FakeArithPolicy policy = new FakeArithPolicy(problems, 0.15, 0)) {
            PipelineRunner runner = new PipelineRunner(policy, PipelineRecorder.NONE, List.of(), quiet);
            runner.run(PipelineFixtures.config(out, new JudgeChoice.Verifier(), 8));
            PipelineConfig other = PipelineFixtures.config(out, new JudgeChoice.Rollout(2, 0, SamplingSettings.paper(100)), 8);
            assertThatThrownBy(() -> runner.run(other))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another configuration").hasMessageContaining("judge");
        }
    }

    @Test
    void rolloutJudgeLocalizesTheSlipsOfTheFakePolicy(@TempDir Path out) throws Exception {
        List<Problem> problems = PipelineFixtures.problems();
        PipelineOutputs o;
        try (FakeArithPolicy policy = new FakeArithPolicy(problems, 0.15, 0)) {
            o = new PipelineRunner(policy, PipelineRecorder.NONE, List.of(), quiet)
                    .run(PipelineFixtures.config(out, new JudgeChoice.Rollout(4, 0, SamplingSettings.paper(200)), 8));
        }
        // After an off-by-one slip no continuation can reach the answer; before it, some usually do.
        Map<String, Problem> byId = problems.stream().collect(Collectors.toMap(Problem::id, p -> p));
        ArithStepVerifier verifier = new ArithStepVerifier();
        int agree = 0;
        List<String> errors = lines(o.errors());
        List<String> localized = lines(o.localized());
        for (int i = 0; i < errors.size(); i++) {
            JsonNode e = JSON.readTree(errors.get(i));
            JsonNode l = JSON.readTree(localized.get(i));
            assertThat(l.get("judge").asText()).isEqualTo("rollout(m=4)");
            Chain chain = Chain.parse(byId.get(e.get("problem_id").asText()).metadata().get("chain"));
            int truth = verifier.verify(chain, bodies(e.get("response").asText())).firstError();
            if (l.hasNonNull("first_error_step") && l.get("first_error_step").asInt() == truth) {
                agree++;
            }
            // Never late: after a slip no rollout can reach the answer. It can be early, when all m rollouts
            // from a right prefix slip by chance.
            assertThat(l.get("first_error_step").asInt()).isLessThanOrEqualTo(truth);
        }
        assertThat(agree).isGreaterThanOrEqualTo(errors.size() * 8 / 10);
        assertThat(o.summary().pairs()).isPositive();
    }

    static List<String> bodies(String response) {
        return new org.stepdpo.steps.StepSegmenter().split(response).stream().map(org.stepdpo.steps.Step::body).toList();
    }

    static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static final class RecordingRecorder implements PipelineRecorder {
        List<SampleRecord> samples;
        PipelineSummary finished;

        @Override
        public long start(PipelineConfig config, String configJson, String sourceModel, long resumedRecordId) {
            return 42;
        }

        @Override
        public void samplesJudged(long recordId, List<SampleRecord> s) {
            assertThat(samples).as("samples recorded once").isNull();
            samples = s;
        }

        @Override
        public void finished(long recordId, PipelineSummary summary) {
            finished = summary;
        }

        @Override
        public void failed(long recordId, String message) {
            throw new AssertionError("failed: " + message);
        }
    }
}
