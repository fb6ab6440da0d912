package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.data.Problem;
import org.stepdpo.data.arith.ArithConfig;
import org.stepdpo.data.arith.ArithGenerator;
import org.stepdpo.data.arith.ArithProblem;
import org.stepdpo.data.arith.Chain;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.validation.BestModel;
import org.stepdpo.engine.training.validation.BestModelStore;
import org.stepdpo.engine.training.validation.ValidationPoint;
import org.stepdpo.generation.GeneratedText;
import org.stepdpo.generation.Generator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.pipeline.FakeArithPolicy;

/**
 * The demo's validation during preference training: which problems it validates on (never test problems, never
 * those SFT or the data loop used), how it scores, and that the trained model is then the best checkpoint.
 */
class PreferenceTrainingValidationTest {

    private static final Path TINY = Path.of("src/test/resources/demo/tiny-suite.yaml").toAbsolutePath();
    private static final PromptTemplate STEP = PromptTemplates.builtin().get("step");
    private static final long SEED = 1;

    @TempDir
    Path dir;

    /** The tiny suite with {@code overrides} ({@code training.dpo.validation_problems=10}), as {@code --set} gives them. */
    private static Suite tiny(String... overrides) {
        return Suites.get(TINY.toString(), List.of(overrides));
    }

    private static Set<String> ids(List<Problem> problems) {
        return problems.stream().map(Problem::id).collect(Collectors.toSet());
    }

    private static void assertHeldOut(Suite suite, Objective objective, int count) {
        GreedyValidation v = PreferenceTraining.validation(suite, STEP, objective, SEED);
        assertThat(v.problems()).hasSize(count);
        assertThat(ids(v.problems())).as("distinct").hasSize(count);
        Set<String> sft = ids(DemoData.load(DemoData.train(suite, SEED))); // what ToyModelBuilder trains SFT on
        Set<String> loop = ids(DemoData.load(DemoRunner.pipelineConfig(suite, STEP, SEED, Path.of("unused")).dataset()));
        Set<String> test = ids(DemoData.load(DemoData.test(suite, SEED)));
        assertThat(sft).containsAll(loop);
        ArithGenerator generator = new ArithGenerator(ArithConfig.fromOptions(suite.dataset().trainOptions()));
        for (Problem p : v.problems()) {
            assertThat(sft).as(p.id()).doesNotContain(p.id());
            assertThat(test).as(p.id()).doesNotContain(p.id());
            Chain chain = Chain.parse(p.metadata().get("chain"));
            assertThat(generator.splitOf(new ArithProblem("Ann", "She", "apples", chain,
                    org.stepdpo.data.arith.Verb.parseAll(p.metadata().get("verbs"))))).as(p.id())
                    .isEqualTo(ArithGenerator.Split.TRAIN);
            assertThat(p.metadata().get("split")).isEqualTo("train");
        }
    }

    @Test
    void validationProblemsAreTrainProblemsThatNeitherSftNorTheLoopUsedAndNeverTestProblems() {
        Suite tiny = tiny("training.dpo.validation_problems=10");
        assertHeldOut(tiny, Objective.DPO, 10);
        assertHeldOut(Suites.read(TINY), Objective.STEP_DPO, 6); // as DemoCommandTest's demo uses it
        assertThat(PreferenceTraining.validation(tiny("training.dpo.validation_problems=10",
                "training.step-dpo.validation_problems=0"), STEP, Objective.STEP_DPO, SEED)).as("0 = off").isNull();

        Suite toy = Suites.get("toy"); // as shipped: 150 validation problems for both objectives
        assertHeldOut(toy, Objective.STEP_DPO, 150);
        assertThat(PreferenceTraining.validation(toy, STEP, Objective.DPO, SEED).problems())
                .isEqualTo(PreferenceTraining.validation(toy, STEP, Objective.STEP_DPO, SEED).problems());
    }

    @Test
    void suitesWithoutLeftOverTrainProblemsAreRefusedNamingTheSetting() {
        Suite.DatasetSpec file = new Suite.DatasetSpec("gsm8k", "train.jsonl", "test.jsonl", null, Map.of(), Map.of());
        Suite fromFile = tiny("training.dpo.validation_problems=5").withDataset(file);
        assertThatThrownBy(() -> PreferenceTraining.validation(fromFile, STEP, Objective.DPO, SEED))
                .hasMessageContaining("training.dpo.validation_problems").hasMessageContaining("gsm8k");
    }

    @Test
    void theScoreIsTheShareOfGreedyAnswersTheAdapterGradesRight() {
        Suite tiny = tiny("training.dpo.validation_problems=8");
        GreedyValidation v = PreferenceTraining.validation(tiny, STEP, Objective.DPO, SEED);
        Set<String> known = new HashSet<>(ids(v.problems().subList(0, 3)));
        FakeArithPolicy right = new FakeArithPolicy(v.problems(), 0.0, 0);
        FakeArithPolicy wrong = new FakeArithPolicy(v.problems(), 1.0, 0);
        Map<String, Problem> byPrompt = new LinkedHashMap<>();
        v.problems().forEach(p -> byPrompt.put(STEP.generationPrompt(p.question()), p));
        List<SamplingSettings> asked = new ArrayList<>();
        Generator threeRight = new Generator() {
            @Override
            public String modelName() {
                return "three right";
            }

            @Override
            public List<GeneratedText> generate(List<SampleRequest> requests, SamplingSettings sampling) {
                asked.add(sampling);
                List<GeneratedText> out = new ArrayList<>();
                for (SampleRequest r : requests) {
                    out.add((known.contains(byPrompt.get(r.prompt()).id()) ? right : wrong)
                            .generate(List.of(r), sampling).get(0));
                }
                return out;
            }

            @Override
            public void close() {
            }
        };
        assertThat(v.accuracy(threeRight)).isEqualTo(3 / 8.0);
        assertThat(asked).allSatisfy(s -> {
            assertThat(s.temperature()).as("greedy").isZero();
            assertThat(s.maxTokens()).as("evaluation.max_tokens").isEqualTo(60);
        });
    }

    @Test
    void withValidationTheTrainedModelIsTheBestCheckpointAndATieKeepsTheStartingWeights() throws Exception {
        Path start = dir.resolve("start");
        ModelInitializer.initialize(new ModelInitializer.Spec(Architecture.QWEN2, 0, 32, 64, 2, 4, 2, 10000.0, 1e-6,
                true, 7, null), start);
        Suite tiny = Suites.read(TINY);
        List<Problem> train = DemoData.load(DemoData.train(tiny, SEED));
        List<String> lines = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Problem p : train.subList(0, 6)) {
            long answer = Long.parseLong(p.referenceAnswer());
            lines.add(json.writeValueAsString(Map.of("prompt", p.question(), "initial_reason_steps", STEP.responsePrefix(),
                    "chosen", " " + answer + ".", "rejected", " " + (answer + 1) + ".", "answer", p.referenceAnswer())));
        }
        Path pairs = Files.write(dir.resolve("pairs.jsonl"), lines);
        Suite validating = tiny("training.step-dpo.validation_problems=4", "training.step-dpo.validate_every=2");
        Path out = dir.resolve("train-step-dpo");
        List<ValidationPoint> heard = new ArrayList<>();
        Path trained = PreferenceTraining.train(validating, STEP, Objective.STEP_DPO, start, pairs, 6, 3, SEED, "cpu",
                out, new TrainingListener() {
                    @Override
                    public void onValidation(ValidationPoint point, BestModel best) {
                        heard.add(point);
                    }
                });

        assertThat(heard).extracting(ValidationPoint::step).containsExactly(0, 2, 3);
        BestModel best = BestModelStore.read(out).orElseThrow();
        assertThat(best.history()).isEqualTo(heard);
        // a random byte-level model never writes "The answer is: N": every score is 0 and step 0 wins the tie
        assertThat(heard).extracting(ValidationPoint::score).containsOnly(0.0);
        assertThat(best.step()).isZero();
        assertThat(trained).isEqualTo(out.resolve(BestModelStore.FOLDER));
        assertThat(PreferenceTraining.trainedModel(out, start)).isEqualTo(out.resolve(BestModelStore.FOLDER));
        Map<String, Tensor> startWeights = HfCheckpoint.readTensors(start);
        Map<String, Tensor> bestWeights = HfCheckpoint.readTensors(trained);
        assertThat(bestWeights.keySet()).isEqualTo(startWeights.keySet());
        assertThat(startWeights.keySet()).allMatch(k -> torch.equal(bestWeights.get(k), startWeights.get(k)));
        Map<String, Tensor> finalWeights = HfCheckpoint.readTensors(out.resolve(Trainer.FINAL));
        assertThat(startWeights.keySet()).as("training moved the final weights")
                .anyMatch(k -> !torch.equal(finalWeights.get(k), startWeights.get(k)));

        // the same folder trained again without validation: the final model, no best/ of the earlier attempt
        Suite notValidating = tiny("training.step-dpo.validation_problems=0");
        PreferenceTraining.train(notValidating, STEP, Objective.STEP_DPO, start, pairs, 6, 3, SEED, "cpu", out,
                TrainingListener.NONE);
        assertThat(PreferenceTraining.trainedModel(out, start)).isEqualTo(out.resolve(Trainer.FINAL));
        assertThat(out.resolve(BestModelStore.FOLDER)).doesNotExist();
    }
}
