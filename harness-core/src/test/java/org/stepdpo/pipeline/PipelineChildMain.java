package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.judges.JudgeChoice;

/** Runs the test pipeline in its own JVM, so that a test can kill it: args = run folder, delay per request (ms). */
public final class PipelineChildMain {

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        long delay = Long.parseLong(args[1]);
        try (FakeArithPolicy policy = new FakeArithPolicy(PipelineFixtures.problems(), 0.15, delay)) {
            new PipelineRunner(policy, PipelineRecorder.NONE, List.of())
                    .run(PipelineFixtures.config(out, new JudgeChoice.Verifier(), 2));
        }
        System.exit(0);
    }
}
