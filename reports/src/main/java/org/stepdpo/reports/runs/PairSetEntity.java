package org.stepdpo.reports.runs;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Table {@code pair_sets}: the stage counts of one pipeline iteration, keyed by (run, iteration). */
@Entity
@Table(name = "pair_sets")
@IdClass(PairSetEntity.Key.class)
public class PairSetEntity {

    /** The composite primary key. */
    public record Key(long runId, int iteration) {
    }

    @Id
    @Column(name = "run_id", nullable = false)
    public long runId;
    @Id
    @Column(nullable = false)
    public int iteration;
    @Column(nullable = false)
    public int problems;
    @Column(nullable = false)
    public int samples;
    @Column(name = "wrong_answers", nullable = false)
    public int wrongAnswers;
    @Column(nullable = false)
    public int localized;
    @Column(nullable = false)
    public int rectified;
    @Column(name = "pairs_kept", nullable = false)
    public int pairsKept;
    @Column(name = "pairs_file")
    public String pairsFile;
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    PairSetCounts record() {
        return new PairSetCounts(iteration, problems, samples, wrongAnswers, localized, rectified, pairsKept, pairsFile,
                recordedAt);
    }
}
