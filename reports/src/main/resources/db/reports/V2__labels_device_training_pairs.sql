-- Step-level labels, device facts, training metrics and pair-set counts.
-- Portable SQL, as V1: the same script runs on H2 and PostgreSQL.

-- Gold label of a labelled benchmark (ProcessBench): 0-based index of the earliest wrong step, -1 when all steps
-- are right, NULL when the data has no label. Compared with first_error_step (the judge's finding) to score the judge.
ALTER TABLE samples ADD COLUMN gold_first_error INTEGER;
ALTER TABLE samples ADD CONSTRAINT samples_gold_first_error_ck CHECK (gold_first_error IS NULL OR gold_first_error >= -1);

-- Device facts beside the free-text runs.device: what the run ran on, in numbers a page can compare.
ALTER TABLE runs ADD COLUMN cpu_name VARCHAR(512);
ALTER TABLE runs ADD COLUMN cpu_cores INTEGER;
ALTER TABLE runs ADD COLUMN memory_bytes BIGINT;
ALTER TABLE runs ADD COLUMN gpu_name VARCHAR(512);
ALTER TABLE runs ADD COLUMN gpu_memory_bytes BIGINT;

-- One row per optimizer step of a training run (SFT, DPO, Step-DPO). Preference metrics are NULL for SFT.
CREATE TABLE training_metrics (
    run_id            BIGINT           NOT NULL,
    step              INTEGER          NOT NULL,
    epoch             DOUBLE PRECISION,
    loss              DOUBLE PRECISION NOT NULL,
    reward_accuracy   DOUBLE PRECISION,
    reward_margin     DOUBLE PRECISION,
    chosen_reward     DOUBLE PRECISION,
    rejected_reward   DOUBLE PRECISION,
    learning_rate     DOUBLE PRECISION,
    grad_norm         DOUBLE PRECISION,
    tokens_per_second DOUBLE PRECISION,
    peak_memory_bytes BIGINT,
    CONSTRAINT training_metrics_pk PRIMARY KEY (run_id, step),
    CONSTRAINT training_metrics_run_fk FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
    CONSTRAINT training_metrics_step_ck CHECK (step >= 0),
    CONSTRAINT training_metrics_reward_accuracy_ck CHECK (reward_accuracy IS NULL
        OR (reward_accuracy >= 0 AND reward_accuracy <= 1))
);

-- What each stage of a Step-DPO data pipeline iteration kept (paper section 3.2).
CREATE TABLE pair_sets (
    run_id        BIGINT        NOT NULL,
    iteration     INTEGER       NOT NULL,
    problems      INTEGER       NOT NULL,
    samples       INTEGER       NOT NULL,
    wrong_answers INTEGER       NOT NULL,
    localized     INTEGER       NOT NULL,
    rectified     INTEGER       NOT NULL,
    pairs_kept    INTEGER       NOT NULL,
    pairs_file    VARCHAR(4096),
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pair_sets_pk PRIMARY KEY (run_id, iteration),
    CONSTRAINT pair_sets_run_fk FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE,
    CONSTRAINT pair_sets_funnel_ck CHECK (iteration >= 0 AND problems >= 0 AND samples >= 0
        AND wrong_answers >= 0 AND wrong_answers <= samples AND localized >= 0 AND localized <= wrong_answers
        AND rectified >= 0 AND rectified <= localized AND pairs_kept >= 0)
);
