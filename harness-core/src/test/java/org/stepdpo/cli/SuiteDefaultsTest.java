package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.stepdpo.config.suite.JudgeSection;
import org.stepdpo.config.suite.PairsSection;
import org.stepdpo.config.suite.RectificationSection;
import org.stepdpo.config.suite.SamplingSection;
import picocli.CommandLine;

/** {@code pipeline} and {@code judge-eval} take their data-loop defaults from the suite records. */
class SuiteDefaultsTest {

    @Test
    void pipelineWithoutOptionsMeansWhatASuiteWithoutKeysMeans() {
        PipelineCommand p = new PipelineCommand();
        CommandLine cl = new CommandLine(p);
        cl.parseArgs("--model", "/m");
        assertThat(p.samples).isEqualTo(SamplingSection.DEFAULTS.k());
        assertThat(p.temperature).isEqualTo(SamplingSection.DEFAULTS.temperature());
        assertThat(p.topP).isEqualTo(SamplingSection.DEFAULTS.topP());
        assertThat(p.maxTokens).isEqualTo(SamplingSection.DEFAULTS.maxTokens());
        assertThat(p.batchSize).isEqualTo(SamplingSection.DEFAULTS.batch());
        assertThat(p.rectifications).isEqualTo(RectificationSection.DEFAULTS.n());
        assertThat(p.maxPairsPerError).isEqualTo(PairsSection.DEFAULTS.maxPairsPerError());
        assertThat(p.judge).isEqualTo(JudgeSection.DEFAULTS.kind());
        assertThat(p.judgeOptions.rollouts).isEqualTo(JudgeSection.DEFAULTS.rollouts());
        assertThat(p.judgeOptions.judgeConcurrency).isEqualTo(JudgeSection.DEFAULTS.concurrency());
        // every mapped option exists, so renaming one cannot silently drop its default
        for (String option : SuiteDefaults.PIPELINE.keySet()) {
            assertThat(cl.getCommandSpec().findOption(option)).as(option).isNotNull();
        }
        for (String option : SuiteDefaults.JUDGES.keySet()) {
            assertThat(cl.getCommandSpec().findOption(option)).as(option).isNotNull();
        }
        // and help shows them
        StringWriter help = new StringWriter();
        cl.usage(new PrintWriter(help));
        assertThat(help.toString()).contains("Answers sampled per problem (default: " + SamplingSection.DEFAULTS.k() + ")");
    }

    @Test
    void judgeEvalTakesTheJudgesDefaults() {
        JudgeEvalCommand j = new JudgeEvalCommand();
        new CommandLine(j).parseArgs("--processbench", "x.json", "--judge", "rollout");
        assertThat(j.judgeOptions.rollouts).isEqualTo(JudgeSection.DEFAULTS.rollouts());
        assertThat(j.judgeOptions.rolloutThreshold).isEqualTo(JudgeSection.DEFAULTS.threshold());
        assertThat(j.temperature).isEqualTo(SamplingSection.DEFAULTS.temperature());
    }
}
