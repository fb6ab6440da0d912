package org.stepdpo.pipeline;

import java.util.List;
import java.util.function.Supplier;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.PairSetCounts;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStatus;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;

/** Records pipeline runs in the reports database as runs of kind PIPELINE with their judged samples. */
public final class RunStoreRecorder implements PipelineRecorder {

    private final RunStore store;
    private final Supplier<String> device;

    /**
     * @param device where the policy ran, as {@link Provenance#device} or "remote: URL" describes it; asked only when a
     *               run is stored (naming the device can load the engine, which a fully resumed run never needs)
     */
    public RunStoreRecorder(RunStore store, Supplier<String> device) {
        this.store = store;
        this.device = device;
    }

    @Override
    public long start(PipelineConfig config, String configJson, String sourceModel, long resumedRecordId) {
        if (resumedRecordId >= 0) {
            var previous = store.run(resumedRecordId);
            // RUNNING (this process's own, or resumed at once) or INTERRUPTED (its process was killed): take it up again
            if (previous.isPresent() && (previous.get().status() == RunStatus.RUNNING
                    || previous.get().status() == RunStatus.INTERRUPTED)) {
                store.resumeRun(resumedRecordId);
                return resumedRecordId;
            }
        }
        return store.startRun(new NewRun(RunKind.PIPELINE,
                "pipeline " + config.dataset().adapter() + " " + sourceModel, sourceModel, config.dataset().adapter(),
                null, config.dataset().source(), configJson, Provenance.projectVersion(), Provenance.gitCommit(),
                device.get(),
                config.outDir().toAbsolutePath().toString()));
    }

    @Override
    public void problems(long recordId, List<org.stepdpo.data.Problem> problems) {
        store.addProblems(recordId, problems.stream().map(org.stepdpo.evaluation.ProblemTexts::of).toList());
    }

    @Override
    public void samplesJudged(long recordId, List<SampleRecord> samples) {
        // A crash after this transaction but before the folder's state said so: the samples are already there.
        if (store.sampleCount(recordId) == 0) {
            store.addSamples(recordId, samples);
        }
    }

    @Override
    public void finished(long recordId, PipelineSummary s) {
        if (store.pairSets(recordId).isEmpty()) {
            store.recordPairSet(recordId, new PairSetCounts(0, s.problems(), s.samples(), s.errors(), s.localized(),
                    s.rectified(), s.pairs(), PipelineOutputs.PAIRS));
        }
        store.finishRun(recordId);
    }

    @Override
    public void failed(long recordId, String message) {
        if (recordId >= 0) {
            store.failRun(recordId, message);
        }
    }
}
