package org.stepdpo.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.demo.DemoLeaderboard;
import org.stepdpo.demo.DemoRunner;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code run} and {@code demo} share: the options of one end-to-end run of a suite, and running it. */
public class SuiteRunOptions {

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of every random choice: data, SFT, sampling, training (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run folder; an existing one is resumed (default: a new folder under the data folder)")
    Path out;

    @Mixin
    DeviceOption device;

    @Option(names = "--model-cache", paramLabel = "DIR",
            description = "Where built SFT models are cached (default: the data folder's models/)")
    Path modelCache;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a suite value, repeatable: judge.kind=llm, training.step-dpo.lr=1e-6, "
                    + "dataset.test_options.limit=50, model.path=DIR")
    List<String> overrides = new ArrayList<>();

    /** Runs {@code suiteName} end to end and prints its leaderboard; {@code command} names the run folder. */
    int run(String command, String suiteName, RunStore store, PrintWriter w) {
        Suite s = Suites.get(suiteName, overrides).expand(System::getenv);
        Path outDir = out != null ? out : DataFolder.newRun(command + "-" + s.name() + "-seed" + seed);
        w.println(command + ": suite " + s.name() + ", seed " + seed + ", run folder " + outDir.toAbsolutePath());
        w.flush();
        PrintStream log = System.err;
        DemoRunner.Result r = new DemoRunner(store, modelCache != null ? modelCache : DataFolder.models(), log)
                .run(s, seed, outDir, device.choice());
        DemoLeaderboard.print(w, r);
        w.flush();
        return 0;
    }
}
