package org.stepdpo.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.stepdpo.config.suite.BenchmarkSection;
import org.stepdpo.config.suite.ObjectiveSection;
import org.stepdpo.config.suite.SamplingSection;
import org.stepdpo.config.suite.SftSection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuitesTest {

    @Test
    void everyBuiltinSuiteLoadsAndNamesAKnownTemplate() {
        for (String name : Suites.builtinNames()) {
            Suite s = Suites.get(name);
            assertThat(s.name()).isEqualTo(name);
            assertThat(PromptTemplates.builtin().names()).contains(s.template());
            assertThat(s.sampling().k()).isPositive();
            assertThat(s.training().named()).contains("step-dpo");
        }
    }

    @Test
    void toySuiteBuildsItsOwnModelOnTheArithTask() {
        Suite toy = Suites.get("toy");
        assertThat(toy.dataset().adapter()).isEqualTo("arith");
        assertThat(toy.model().isBuiltHere()).isTrue();
        assertThat(toy.model().init().arch()).isEqualTo("qwen2");
        assertThat(toy.model().init().hidden()).isEqualTo(96);
        assertThat(toy.training().named()).containsExactly("step-dpo", "dpo");
        assertThat(toy.judge().kind()).isEqualTo("verifier");
    }

    @Test
    void variablesExpandAndAMissingOneIsNamed() {
        Suite s = Suites.get("gsm8k-qwen2");
        Suite expanded = s.expand(Map.of("STEPDPO_DATA_DIR", "/data", "STEPDPO_MODEL", "/models/q")::get);
        assertThat(expanded.dataset().test()).isEqualTo("/data/gsm8k/test.jsonl");
        assertThat(expanded.model().path()).isEqualTo("/models/q");
        assertThatThrownBy(() -> s.expand(Map.of("STEPDPO_DATA_DIR", "/data")::get))
                .hasMessage("suite gsm8k-qwen2: model.path uses ${STEPDPO_MODEL}, which is not set");
    }

    @Test
    void badSuiteFilesGetClearErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: arith, train: train}\nmodel: {path: /m}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("s.yaml:3: \"dataset.test\" is missing");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\nsamplng: {}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("unknown key \"samplng\"");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("model needs \"path\"");
        assertThatThrownBy(() -> Suites.get("nope")).hasMessageContaining("unknown suite \"nope\"");
    }

    @Test
    void aMisspelledKeyFailsWithItsLineAndTheNearestKnownKey(@TempDir Path dir) throws Exception {
        String head = "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n";
        Path f = dir.resolve("typo.yaml");
        Files.writeString(f, head + "sampling: {k: 4}\nevaluation:\n  max_token: 100\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessage(f + ":7: unknown key \"evaluation.max_token\" "
                + "(did you mean \"max_tokens\"?); known in evaluation: [max_tokens, samples]");
        Files.writeString(f, head + "training:\n  step_dpo: {lr: 1e-5}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining(f + ":6: unknown key \"training.step_dpo\" "
                + "(did you mean \"step-dpo\"?)");
        Files.writeString(f, head + "rectification: {count: 4}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining(":5: unknown key \"rectification.count\"")
                .hasMessageContaining("known in rectification: [n]");
        Files.writeString(f, head + "training:\n  dpo:\n    beta: 0.3\n    lerning_rate: 1e-5\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining(":8: unknown key \"training.dpo.lerning_rate\"");
        Files.writeString(f, head + "sampling:\n  k: four\n");
        assertThatThrownBy(() -> Suites.get(f.toString()))
                .hasMessage(f + ":6: \"sampling.k\" must be an integer, got \"four\"");
        Files.writeString(f, head + "regress: {alpah: 0.05}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("(did you mean \"alpha\"?)");
    }

    @Test
    void valuesOutOfTheirRangeFailWhenTheSuiteIsReadNamingFileLineAndKey(@TempDir Path dir) throws Exception {
        String head = "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n";
        Path f = dir.resolve("range.yaml");
        Files.writeString(f, head + "training:\n  step-dpo:\n    beta: 0\n");
        assertThatThrownBy(() -> Suites.get(f.toString()))
                .hasMessage(f + ":7: \"training.step-dpo.beta\" must be greater than 0, got 0");
        Files.writeString(f, head + "training:\n  dpo: {batch: 0}\n");
        assertThatThrownBy(() -> Suites.get(f.toString()))
                .hasMessage(f + ":6: \"training.dpo.batch\" must be greater than 0, got 0");
        Files.writeString(f, head + "sampling: {top_p: 1.5}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("\"sampling.top_p\" must be greater than 0 "
                + "and at most 1, got 1.5");
        Files.writeString(f, head + "judge: {threshold: -0.1}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("between 0 and 1, got -0.1");
        Files.writeString(f, head + "training:\n  sft: {lr: \"NaN\"}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("\"training.sft.lr\" must be greater than 0");
        // 0 is allowed where it means "none": no clipping, full fine-tuning, no headroom samples
        Files.writeString(f, head + "training:\n  step-dpo: {max_grad_norm: 0, lora_r: 0}\nevaluation: {samples: 0}\n"
                + "pairs: {max_pairs_per_problem: 0, max_step_chars: 0}\n");
        assertThat(Suites.get(f.toString()).training().of("step-dpo").loraR()).isZero();
        assertThatThrownBy(() -> Suites.get("toy", List.of("training.step-dpo.beta=-1")))
                .hasMessage("--set training.step-dpo.beta=-1: \"training.step-dpo.beta\" must be greater than 0, got -1");
        for (String name : Suites.builtinNames()) {
            assertThat(Suites.get(name).name()).isEqualTo(name); // the built-in suites keep to the ranges
        }
    }

    @Test
    void extraBenchmarksAreNamedEntriesCheckedLikeAnySectionAndTheirFilesExpand(@TempDir Path dir) throws Exception {
        String head = "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n";
        Path f = dir.resolve("b.yaml");
        Files.writeString(f, head + "benchmarks:\n  aime24: {adapter: aime, file: \"${D}/aime24/test.jsonl\", max_tokens: 2048}\n"
                + "  gsm8k: {adapter: gsm8k, file: /g.jsonl}\n");
        Suite s = Suites.get(f.toString());
        assertThat(s.benchmarks().keySet()).containsExactly("aime24", "gsm8k");
        assertThat(s.expand(Map.of("D", "/data")::get).benchmarks().get("aime24"))
                .isEqualTo(new BenchmarkSection("aime", "/data/aime24/test.jsonl", 2048, 0));
        assertThat(Suites.get("toy").benchmarks()).isEmpty();
        Files.writeString(f, head + "benchmarks:\n  aime24:\n    adapter: aime\n    flie: /a.jsonl\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessage(f + ":8: unknown key \"benchmarks.aime24.flie\" "
                + "(did you mean \"file\"?); known in benchmarks.aime24: [adapter, file, max_tokens, limit]");
        Files.writeString(f, head + "benchmarks:\n  aime24: {adapter: aime}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("\"benchmarks.aime24.file\" is missing");
    }

    @Test
    void overridesReplaceOrAddValuesAndAreCheckedLikeTheFile() {
        Suite s = Suites.get("math-qwen2", List.of("judge.kind=llm", "judge.url=http://127.0.0.1:9/v1",
                "training.step-dpo.lr=1e-6", "dataset.test_options.limit=20", "benchmarks.gsm8k.max_tokens=256"));
        assertThat(s.judge().kind()).isEqualTo("llm");
        assertThat(s.judge().url()).isEqualTo("http://127.0.0.1:9/v1");
        assertThat(s.judge().rollouts()).isEqualTo(8);
        assertThat(s.training().of("step-dpo").lr()).isEqualTo(1e-6);
        assertThat(s.training().of("step-dpo").beta()).isEqualTo(0.4);
        assertThat(s.dataset().testOptions()).containsEntry("limit", "20");
        assertThat(s.benchmarks().get("gsm8k").maxTokens()).isEqualTo(256);
        assertThat(s.benchmarks().get("gsm8k").file()).isNotBlank();
        assertThat(Suites.get("math-qwen2").training().of("step-dpo").lr()).isEqualTo(5e-7);
        assertThatThrownBy(() -> Suites.get("toy", List.of("judge.knd=llm")))
                .hasMessage("--set judge.knd=llm: unknown key \"judge.knd\" (did you mean \"kind\"?); known in judge: "
                        + "[kind, rollouts, threshold, url, model, api_key_env, concurrency, max_tokens, show_reference]");
        assertThatThrownBy(() -> Suites.get("toy", List.of("sampling.k=four")))
                .hasMessage("--set sampling.k=four: \"sampling.k\" must be an integer, got \"four\"");
        assertThatThrownBy(() -> Suites.get("toy", List.of("template.x=1"))).hasMessageContaining("--set template.x=1");
        assertThatThrownBy(() -> Suites.get("toy", List.of("judge.kind"))).hasMessageContaining("expected KEY=VALUE");
    }

    @Test
    void suggestionsAreOnlyMadeForLikelyTypos() {
        assertThat(Suggestions.nearest("max_token", java.util.List.of("max_tokens", "samples"))).isEqualTo("max_tokens");
        assertThat(Suggestions.nearest("step_dpo", java.util.List.of("step-dpo", "dpo", "sft"))).isEqualTo("step-dpo");
        assertThat(Suggestions.nearest("count", java.util.List.of("n"))).isNull();
        assertThat(Suggestions.nearest("banana", java.util.List.of("beta", "lr"))).isNull();
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void smokeSuiteHasARegressBlock() {
        Suite smoke = Suites.get("smoke");
        assertThat(smoke.regress().alpha()).isEqualTo(0.05);
        assertThat(smoke.regress().toleranceOf(org.stepdpo.config.baselines.Metric.ACCURACY)).isNotNull();
        assertThat(Suites.get("toy").regress()).isEqualTo(RegressSpec.defaults());
    }

    @Test
    void badRegressBlocksAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.yaml");
        String head = "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n";
        Files.writeString(f, head + "regress: {alpha: 0.01, seed: 7, tolerance: {accuracy: 0.1, mean_steps: 0.5}}\n");
        RegressSpec spec = Suites.get(f.toString()).regress();
        assertThat(spec.alpha()).isEqualTo(0.01);
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.toleranceOf(org.stepdpo.config.baselines.Metric.MEAN_STEPS)).isEqualTo(0.5);
        Files.writeString(f, head + "regress: {tolerance: {acuracy: 0.1}}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("unknown metric \"regress.tolerance.acuracy\"");
        Files.writeString(f, head + "regress: {alpha: 2}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("r.yaml: regress.alpha must be in (0, 0.5)");
        Files.writeString(f, head + "regress: {alpha: lots}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("\"regress.alpha\" must be a number");
    }

    @Test
    void absentKeysTakeTheirSectionsDefaultsAndValuesAreTyped(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n"
                + "sampling: {k: 8}\ntraining:\n  dpo: {lr: 2e-6, bf16: false}\njudge: {kind: llm, show_reference: FALSE}\n");
        Suite s = Suites.get(f.toString());
        // the given values, typed ...
        assertThat(s.sampling().k()).isEqualTo(8);
        assertThat(s.training().of("dpo").lr()).isEqualTo(2e-6);
        assertThat(s.training().of("dpo").bf16On(true)).isFalse();
        assertThat(s.judge().showReference()).isFalse();
        // ... and each absent one its record's default, the same whether its section is partly or wholly absent
        assertThat(s.sampling()).isEqualTo(new SamplingSection(0, 8, 0.8, 0.95, 0, 512, 64));
        assertThat(s.training().of("dpo").beta()).isEqualTo(ObjectiveSection.DEFAULTS.beta());
        assertThat(s.training().named()).containsExactly("dpo");
        assertThat(s.training().of("step-dpo")).isEqualTo(ObjectiveSection.DEFAULTS);
        assertThat(s.training().of("step-dpo").bf16On(true)).isTrue();
        assertThat(s.training().of("step-dpo").bf16On(false)).isFalse();
        assertThat(s.rectification().n()).isEqualTo(20);
        assertThat(s.evaluation().samplesOr(s.sampling().k())).isEqualTo(8);
        assertThat(s.model().sft()).isEqualTo(SftSection.DEFAULTS);
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n"
                + "judge: {show_reference: maybe}\n");
        assertThatThrownBy(() -> Suites.get(f.toString()))
                .hasMessage(f + ":5: \"judge.show_reference\" must be true or false, got \"maybe\"");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n"
                + "judge: {kind: oracle}\n");
        assertThatThrownBy(() -> Suites.get(f.toString()))
                .hasMessage(f + ":5: \"judge.kind\" must be one of [verifier, rollout, llm], got \"oracle\"");
        Files.writeString(f, "name: x\ntemplate: step\ndataset: {adapter: a, train: t, test: t}\nmodel: {path: /m}\n"
                + "sampling: {k: 99999999999}\n");
        assertThatThrownBy(() -> Suites.get(f.toString())).hasMessageContaining("\"sampling.k\" must be greater than 0 "
                + "and fit in 32 bits");
    }

    @Test
    void sectionsWriteBackUnderTheirSuiteKeys() {
        Suite toy = Suites.get("toy");
        var tree = SuiteKeys.tree(toy.training());
        assertThat(tree.path("step-dpo").path("validation_problems").asInt()).isEqualTo(150);
        assertThat(tree.path("step-dpo").path("max_grad_norm").asDouble()).isEqualTo(1.0); // a default, written too
        assertThat(tree.path("sft").isNull()).isTrue();
        assertThat(SuiteKeys.tree(toy.sampling()).fieldNames()).toIterable()
                .containsExactly("problems", "k", "temperature", "top_p", "top_k", "max_tokens", "batch");
    }

    @Test
    void theDocumentedSuiteFilesReadToo() throws Exception {
        Path docs = Path.of("..", "docs", "suites");
        List<Path> files;
        try (var list = Files.list(docs)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(Suites.get(f.toString()).name()).as(f.toString()).isNotBlank();
        }
    }
}
