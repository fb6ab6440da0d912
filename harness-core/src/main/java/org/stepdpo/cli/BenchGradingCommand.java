package org.stepdpo.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stepdpo.grading.GradingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo bench grading}: graded samples per second on MATH-500 and ProcessBench solutions. */
@WithoutStorage
@Command(name = "grading", mixinStandardHelpOptions = true,
        description = "Graded samples/s on the MATH-500 reference solutions and the ProcessBench solutions.")
public class BenchGradingCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:STEPDPO_DATA_DIR}",
            description = "Benchmark data folder (default: $STEPDPO_DATA_DIR)")
    Path dataDir;

    @Option(names = "--rounds", defaultValue = "5", description = "Measured rounds after one warm-up (default: ${DEFAULT-VALUE})")
    int rounds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (dataDir == null || !Files.isDirectory(dataDir)) {
            throw new IllegalArgumentException("no benchmark data folder: give --data-dir or set STEPDPO_DATA_DIR"
                    + (dataDir == null ? "" : " (" + dataDir + " is not a folder)"));
        }
        GradingBenchmark.Result r = GradingBenchmark.run(dataDir, rounds);
        var out = spec.commandLine().getOut();
        out.printf("MATH-500 reference solutions: %d samples, %,.0f samples/s%n", r.math500Samples(), r.math500SamplesPerSecond());
        out.printf("ProcessBench solutions:       %d samples, %,.0f samples/s, agreement with final_answer_correct %.2f%%%n",
                r.processBenchSamples(), r.processBenchSamplesPerSecond(), 100 * r.processBenchAgreement());
        out.printf("(%d measured rounds, 1 thread, %d cores available; goal >= 2,000 samples/s)%n",
                r.rounds(), Runtime.getRuntime().availableProcessors());
        out.flush();
        return 0;
    }
}
