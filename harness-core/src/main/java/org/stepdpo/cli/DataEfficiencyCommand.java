package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.stepdpo.config.Suite;
import org.stepdpo.config.Suites;
import org.stepdpo.demo.DataEfficiencyStudy;
import org.stepdpo.demo.DataEfficiencyTable;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo demo data-efficiency}: test accuracy against the number of pairs, Step-DPO and DPO, several seeds. */
@Command(name = "data-efficiency", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Data efficiency of Step-DPO and DPO: the demo for each seed, then Step-DPO and DPO retrained "
                + "from the same SFT model on the first N pairs (seeded order) for the same number of optimiser steps "
                + "as the full training, each evaluated greedily on the test split.",
                "Prints the table and writes OUT/data-efficiency.md and .json. Resumable with the same --out."})
public class DataEfficiencyCommand implements Callable<Integer> {

    @Option(names = "--suite", defaultValue = "toy", paramLabel = "NAME|FILE",
            description = "Built-in suite name or suite YAML file (default: ${DEFAULT-VALUE})")
    String suite;

    @Option(names = "--seeds", split = ",", defaultValue = "1,2,3", description = "Seeds (default: ${DEFAULT-VALUE})")
    List<Long> seeds;

    @Option(names = "--pairs", split = ",", defaultValue = "50,100,200,400",
            description = "Pair counts below the full set; the full set is always a point (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--out", paramLabel = "DIR", description = "Study folder (default: a new folder under the data folder)")
    Path out;

    @Mixin
    DeviceOption device;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        Suite s = Suites.get(suite).expand(System::getenv);
        Path dir = out != null ? out : DataFolder.newRun("data-efficiency-" + s.name());
        PrintWriter w = spec.commandLine().getOut();
        w.println("data efficiency: suite " + s.name() + ", seeds " + seeds + ", pairs " + sizes + " and all, folder "
                + dir.toAbsolutePath());
        w.flush();
        List<DataEfficiencyStudy.Point> points = new DataEfficiencyStudy(store, DataFolder.models(), System.err)
                .run(s, seeds, sizes, dir, device.choice());
        String table = DataEfficiencyTable.markdown(s.name(), points);
        try {
            Files.writeString(dir.resolve("data-efficiency.md"), table);
            DataEfficiencyTable.writeJson(dir.resolve("data-efficiency.json"), points);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        w.println();
        w.print(table);
        w.flush();
        return 0;
    }
}
