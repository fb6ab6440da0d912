package org.stepdpo.reports.runs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Table {@code run_problems}: one problem of a run, keyed by (run, problem id). */
@Entity
@Table(name = "run_problems")
@IdClass(ProblemTextEntity.Key.class)
public class ProblemTextEntity {

    /** The composite primary key. */
    public record Key(long runId, String problemId) {
    }

    @Id
    @Column(name = "run_id", nullable = false)
    public long runId;
    @Id
    @Column(name = "problem_id", nullable = false)
    public String problemId;
    @Column(nullable = false)
    public String question;
    @Column(name = "reference_answer")
    public String referenceAnswer;

    static ProblemTextEntity of(long runId, ProblemText p) {
        ProblemTextEntity e = new ProblemTextEntity();
        e.runId = runId;
        e.problemId = p.problemId();
        e.question = p.question();
        e.referenceAnswer = p.referenceAnswer();
        return e;
    }

    ProblemText record() {
        return new ProblemText(problemId, question, referenceAnswer);
    }
}
