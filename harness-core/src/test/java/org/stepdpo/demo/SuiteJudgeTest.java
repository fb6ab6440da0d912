package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stepdpo.config.Suites;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;

/** A suite's {@code judge} section: an llm judge on one server or on several, listed in {@code url}. */
class SuiteJudgeTest {

    private static JudgeChoice choice(String... overrides) {
        return SuiteJudge.choice(Suites.get("toy", List.of(overrides)), SamplingSettings.paper(64),
                Map.of("STEPDPO_JUDGE_API_KEY", "k")::get);
    }

    @Test
    void aCommaSeparatedUrlListsTheServersOfTheJudgeModel() {
        JudgeChoice.Llm llm = (JudgeChoice.Llm) choice("judge.kind=llm", "judge.model=critic", "judge.concurrency=3",
                "judge.url=http://gpu1:8000, http://gpu2:8000");
        assertThat(llm.endpoints().baseUrls()).containsExactly("http://gpu1:8000", "http://gpu2:8000");
        assertThat(llm.endpoints().model()).isEqualTo("critic");
        assertThat(llm.endpoints().concurrency()).isEqualTo(3);
        assertThat(llm.endpoints().apiKey()).isEqualTo("k");

        JudgeChoice.Llm one = (JudgeChoice.Llm) choice("judge.kind=llm", "judge.model=critic",
                "judge.url=https://api.openai.com");
        assertThat(one.endpoints().baseUrls()).containsExactly("https://api.openai.com");
    }

    @Test
    void aServerListedTwiceIsAnErrorThatNamesTheSuiteAndKey() {
        assertThatThrownBy(() -> choice("judge.kind=llm", "judge.model=critic",
                "judge.url=http://gpu1:8000,http://gpu1:8000/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("suite toy: judge.url: server URL \"http://gpu1:8000/v1\" is given twice");
    }
}
