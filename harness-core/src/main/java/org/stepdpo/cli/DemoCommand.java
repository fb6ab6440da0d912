package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.demo.DemoLeaderboard;
import org.stepdpo.demo.DemoRunner;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo demo}: the product's main job, the whole Step-DPO story on a built-in suite. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false, subcommands = DataEfficiencyCommand.class,
        description = {"Step-DPO end to end on a suite (default: toy, a tiny model taught a misconception; toy-slips is "
                + "its control without one; CPU): builds and SFT-trains the suite's model (cached), runs the data loop "
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

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every random choice: data, SFT, sampling, training (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder; an existing one is resumed (default: a new folder under the data folder)")
    Path out;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda, cuda:N or auto (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where built SFT models are cached (default: the data folder's models/)")
    Path modelCache;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        Suite s = Suites.get(suite).expand(System::getenv);
        Path outDir = out != null ? out : DataFolder.newRun("demo-" + s.name() + "-seed" + seed);
        PrintWriter w = spec.commandLine().getOut();
        w.println("demo: suite " + s.name() + ", seed " + seed + ", run folder " + outDir.toAbsolutePath());
        w.flush();
        PrintStream log = System.err;
        DemoRunner.Result r = new DemoRunner(store,
                modelCache != null ? modelCache : DataFolder.models(), log).run(s, seed, outDir, device);
        DemoLeaderboard.print(w, r);
        w.flush();
        return 0;
    }
}
