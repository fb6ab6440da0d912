package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo demo}: the product's main job, {@code stepdpo run} on the built-in toy suite by default. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, subcommands = DataEfficiencyCommand.class,
        description = {"Step-DPO end to end on a suite (default: toy, a tiny model taught a misconception; toy-slips is "
                + "its control without one): builds and SFT-trains the suite's model (cached), runs the data loop "
                + "once (error collection -> step localization -> rectification -> pairs), trains Step-DPO and vanilla "
                + "DPO from the SFT model on the same budget, evaluates SFT, DPO and Step-DPO greedily on the test split "
                + "(and k samples each: pass@k, maj@k) and prints the leaderboard, the error mix and paired McNemar "
                + "tests. With the suite's validation_problems, a trained model is its best checkpoint on held-out "
                + "train problems.",
                "Writes OUT/leaderboard.json, OUT/demo.json (timings) and every stage's files; stores the runs. "
                        + "Interrupted, the same command with the same --out resumes where it stopped."})
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "toy", paramLabel = "NAME|FILE",
            description = "Built-in suite name or suite YAML file (default: ${DEFAULT-VALUE})")
    String suite;

    @Mixin
    SuiteRunOptions options;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        return options.run("demo", suite, store, spec.commandLine().getOut());
    }
}
