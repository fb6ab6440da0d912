package org.stepdpo.pipeline;

import java.util.List;
import org.stepdpo.reports.runs.SampleRecord;

/**
 * Where a pipeline run is recorded besides its folder (the reports database). Kept small so that
 * records the reports module does not store yet (stage counts, pair sets) can be wired in later.
 */
public interface PipelineRecorder {

    /** Does not record anything. */
    PipelineRecorder NONE = new PipelineRecorder() {
        @Override
        public long start(PipelineConfig config, String configJson, String sourceModel, long resumedRecordId) {
            return -1;
        }

        @Override
        public void samplesJudged(long recordId, List<SampleRecord> samples) {
        }

        @Override
        public void finished(long recordId, PipelineSummary summary) {
        }

        @Override
        public void failed(long recordId, String message) {
        }
    };

    /**
     * Opens the run's record and returns its id; {@code resumedRecordId} is the id an interrupted attempt in the
     * same folder got (-1 for a new run), to be continued when it is still open.
     */
    long start(PipelineConfig config, String configJson, String sourceModel, long resumedRecordId);

    /** Every sampled answer with its steps and the judge's verdicts, once, after localization. */
    void samplesJudged(long recordId, List<SampleRecord> samples);

    /** The problems the run sampled (question and reference answer), before its samples; recorders may ignore them. */
    default void problems(long recordId, List<org.stepdpo.data.Problem> problems) {
    }

    /** A stage finished; {@code counts} are its numbers. Recorders without a place for them ignore it. */
    default void stageCompleted(long recordId, String stage, java.util.Map<String, Object> counts) {
    }

    void finished(long recordId, PipelineSummary summary);

    void failed(long recordId, String message);
}
