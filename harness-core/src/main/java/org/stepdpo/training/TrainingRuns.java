package org.stepdpo.training;

import java.util.Optional;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.RunView;

/**
 * The stored run of a training: a new one, or, when the training resumes its folder, the run that an interrupted or
 * failed earlier attempt left there (the same kind, name and folder), taken up again. So a training that was killed
 * and resumed is one run with each step once ({@link TrainingRunRecorder} drops the steps the checkpoint did not
 * keep), not a RUNNING run forever beside a second one.
 */
public final class TrainingRuns {

    /** The run to record into, and whether it continues an earlier one. */
    public record Opened(long runId, boolean continued) {
    }

    private TrainingRuns() {
    }

    public static Opened open(RunStore store, NewRun run, boolean resume) {
        if (resume && run.outputDir() != null) {
            Optional<RunView> earlier = store.unfinished(run.kind(), run.outputDir(), run.name());
            if (earlier.isPresent()) {
                store.resumeRun(earlier.get().id());
                return new Opened(earlier.get().id(), true);
            }
        }
        return new Opened(store.startRun(run), false);
    }
}
