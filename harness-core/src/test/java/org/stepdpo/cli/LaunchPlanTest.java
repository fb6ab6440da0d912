package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.stepdpo.cli.LaunchPlan.Needs;
import picocli.CommandLine;

/** Which command lines start nothing, the application without its database, or the whole application. */
class LaunchPlanTest {

    @Test
    void helpVersionAndBareCommandGroupsNeedNothing() {
        assertThat(LaunchPlan.of("--help").needs()).isEqualTo(Needs.NOTHING);
        assertThat(LaunchPlan.of("-V").needs()).isEqualTo(Needs.NOTHING);
        assertThat(LaunchPlan.of("eval", "--help").needs()).isEqualTo(Needs.NOTHING);
        assertThat(LaunchPlan.of("model", "init", "-h").needs()).isEqualTo(Needs.NOTHING);
        assertThat(LaunchPlan.of().needs()).isEqualTo(Needs.NOTHING);
        assertThat(LaunchPlan.of("bench").needs()).isEqualTo(Needs.NOTHING);
    }

    @Test
    void commandsThatStoreRunsNeedTheWholeApplication() {
        assertThat(LaunchPlan.of("eval", "--adapter", "arith", "--data", "test", "--reference").needs())
                .isEqualTo(Needs.APPLICATION);
        assertThat(LaunchPlan.of("leaderboard").needs()).isEqualTo(Needs.APPLICATION);
        assertThat(LaunchPlan.of("report", "--run", "1").needs()).isEqualTo(Needs.APPLICATION);
        // A parse error is reported by the application itself, exactly as before.
        assertThat(LaunchPlan.of("eval", "--no-such-option").needs()).isEqualTo(Needs.APPLICATION);
    }

    @Test
    void engineCommandsStartWithoutTheDatabase() {
        assertThat(LaunchPlan.of("model", "init", "--arch", "qwen2", "--out", "x").needs())
                .isEqualTo(Needs.APPLICATION_WITHOUT_STORAGE);
        assertThat(LaunchPlan.of("generate", "--model", "x", "--prompt", "p").needs())
                .isEqualTo(Needs.APPLICATION_WITHOUT_STORAGE);
        assertThat(LaunchPlan.of("bench", "grading").needs()).isEqualTo(Needs.APPLICATION_WITHOUT_STORAGE);
    }

    @Test
    void noCommandMarkedWithoutStorageInjectsStorage() {
        assertCommandTree(new CommandLine(StepDpoCommand.class));
    }

    private static void assertCommandTree(CommandLine command) {
        Class<?> type = command.getCommand().getClass();
        if (type.isAnnotationPresent(WithoutStorage.class)) {
            for (Field f : type.getDeclaredFields()) {
                assertThat(f.getType().getName()).as("%s.%s of a @WithoutStorage command", type.getSimpleName(), f.getName())
                        .doesNotStartWith("org.stepdpo.reports").doesNotStartWith("jakarta.persistence")
                        .doesNotStartWith("org.hibernate");
            }
        }
        command.getSubcommands().values().forEach(LaunchPlanTest::assertCommandTree);
    }

    @Test
    void helpAndVersionArePrintedWithoutLoadingTheEngine() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(LaunchPlan.of("--help").runWithoutApplication("--help")).isZero();
            assertThat(LaunchPlan.of("generate", "--help").runWithoutApplication("generate", "--help")).isZero();
            assertThat(LaunchPlan.of("--version").runWithoutApplication("--version")).isZero();
            assertThat(LaunchPlan.of("judge-eval", "--help").runWithoutApplication("judge-eval", "--help")).isZero();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("Usage: stepdpo [-hV] [COMMAND]", "Usage: stepdpo generate", "eval", "leaderboard");
        assertThat(out).containsPattern("stepdpo \\d+\\.\\d+\\.\\d+");
        // outside a terminal help is 120 columns wide, so no URL or path of a description is cut in two
        assertThat(out).contains("e.g. https://api.openai.com", "../shared/data/processbench/gsm8k.json")
                .doesNotContainPattern("https:\\s+//");
        assertThat(JvmContents.loadedClasses()).doesNotContain("org.bytedeco").doesNotContain("io.quarkus.runtime.Application");
        assertThat(JvmContents.mappedFiles()).doesNotContain("libtorch").doesNotContain("libjnitorch");
    }
}
