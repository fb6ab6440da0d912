package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo run}: any suite end to end, the toy's recipe or a Hugging Face checkpoint. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a suite end to end: its starting model (model.path, a Hugging Face folder, or the toy "
                + "recipe, SFT-trained here and cached), the data loop once on the train split (error collection -> "
                + "step localization with the suite's judge: verifier, rollout or llm -> rectification -> pairs), the "
                + "preference objectives its training section names (step-dpo, dpo; both when it names neither), "
                + "then greedy evaluation of every model on the test split and on each of the suite's benchmarks, "
                + "and one leaderboard.",
                "Writes OUT/leaderboard.json, OUT/demo.json (timings) and every stage's files; stores the runs. "
                        + "Interrupted, the same command with the same --out resumes where it stopped. "
                        + "'stepdpo demo' is this command on the built-in toy suite."})
public class RunCommand implements Callable<Integer> {

    @Option(names = "--suite", required = true, paramLabel = "NAME|FILE",
            description = "Built-in suite name (toy, toy-slips, smoke, math-qwen2, gsm8k-qwen2) or suite YAML file")
    String suite;

    @Mixin
    SuiteRunOptions options;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        return options.run("run", suite, store, spec.commandLine().getOut());
    }
}
