package org.stepdpo.reports.runs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** Table {@code samples}: one graded completion. Refers to its run by id (no association to load lazily). */
@Entity
@Table(name = "samples")
public class SampleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "samples_seq")
    @SequenceGenerator(name = "samples_seq", sequenceName = "samples_seq", allocationSize = 100)
    public Long id;

    @Column(name = "run_id", nullable = false)
    public long runId;
    @Column(name = "problem_id", nullable = false)
    public String problemId;
    @Column(name = "problem_index", nullable = false)
    public int problemIndex;
    @Column(name = "sample_index", nullable = false)
    public int sampleIndex;
    @Column(nullable = false)
    public String completion;
    @Column(name = "extracted_answer")
    public String extractedAnswer;
    @Column(nullable = false)
    public boolean correct;
    public String level;
    public String subject;
    @Column(name = "first_error_step")
    public Integer firstErrorStep;
    @Column(name = "gold_first_error")
    public Integer goldFirstError;
    @Column(name = "n_steps", nullable = false)
    public int nSteps;

    static SampleEntity of(long runId, SampleRecord r) {
        SampleEntity e = new SampleEntity();
        e.runId = runId;
        e.problemId = r.problemId();
        e.problemIndex = r.problemIndex();
        e.sampleIndex = r.sampleIndex();
        e.completion = r.completion();
        e.extractedAnswer = r.extractedAnswer();
        e.correct = r.correct();
        e.level = r.level();
        e.subject = r.subject();
        e.firstErrorStep = r.firstErrorStep();
        e.goldFirstError = r.goldFirstError();
        e.nSteps = r.steps().size();
        return e;
    }
}
