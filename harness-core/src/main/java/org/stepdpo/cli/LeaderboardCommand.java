package org.stepdpo.cli;

import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import org.stepdpo.reports.leaderboard.Leaderboard;
import org.stepdpo.reports.leaderboard.LeaderboardFormat;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo leaderboard}: models × benchmarks from the stored runs. */
@Command(name = "leaderboard", mixinStandardHelpOptions = true,
        description = "Models x benchmarks: accuracy of each model's latest finished eval run, with its 95%% Wilson interval.")
public class LeaderboardCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, md, csv or json (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only runs of this suite")
    String suite;

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Override
    public Integer call() {
        LeaderboardFormat f = LeaderboardFormat.parse(format);
        Leaderboard board = suite == null ? store.leaderboard() : store.leaderboard(suite);
        spec.commandLine().getOut().print(f.render(board));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
