package org.stepdpo.reports.runs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/**
 * Table {@code steps}: one step of a sample, with its span in the completion and the judge's verdict, keyed by
 * (sample, index). {@link RunStore} inserts steps with plain JDBC batches (the hot path: ten or more per
 * sample) and reads them through this entity.
 */
@Entity
@Table(name = "steps")
@IdClass(StepEntity.Key.class)
public class StepEntity {

    /** The composite primary key. */
    public record Key(long sampleId, int stepIndex) {
    }

    @Id
    @Column(name = "sample_id", nullable = false)
    public long sampleId;
    @Id
    @Column(name = "step_index", nullable = false)
    public int stepIndex;
    @Column(nullable = false)
    public String text;
    @Column(name = "char_start", nullable = false)
    public int charStart;
    @Column(name = "char_end", nullable = false)
    public int charEnd;
    @Enumerated(EnumType.STRING)
    public StepVerdict verdict;
    @Column(name = "judge_reason")
    public String judgeReason;

    StepRecord record() {
        return new StepRecord(stepIndex, text, charStart, charEnd, verdict, judgeReason);
    }
}
