-- Runs, their graded samples and the samples' steps.
-- Portable SQL: the same script runs on H2 (embedded default) and PostgreSQL.
-- TEXT is CLOB on H2 and text on PostgreSQL. Sequence increments match the entities' allocation sizes.
-- Each foreign key is declared after the unique key that starts with its column, so H2 reuses that index
-- instead of adding one: every index costs time when a run stores 10k samples with 100k steps.

CREATE SEQUENCE runs_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE samples_seq START WITH 1 INCREMENT BY 100;

CREATE TABLE runs (
    id              BIGINT                   NOT NULL,
    kind            VARCHAR(16)              NOT NULL,
    name            VARCHAR(512)             NOT NULL,
    model           VARCHAR(512)             NOT NULL,
    benchmark       VARCHAR(255)             NOT NULL,
    suite           VARCHAR(255),
    data_file       VARCHAR(4096),
    config_json     TEXT                     NOT NULL,
    project_version VARCHAR(64),
    git_commit      VARCHAR(64),
    device          VARCHAR(1024),
    output_dir      VARCHAR(4096),
    status          VARCHAR(16)              NOT NULL,
    status_message  TEXT,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    n_problems      INTEGER,
    n_samples       INTEGER,
    n_correct       INTEGER,
    accuracy        DOUBLE PRECISION,
    pass_at_1       DOUBLE PRECISION,
    maj_at_k        DOUBLE PRECISION,
    maj_k           INTEGER,
    mean_steps      DOUBLE PRECISION,
    CONSTRAINT runs_pk PRIMARY KEY (id),
    CONSTRAINT runs_kind_ck CHECK (kind IN ('EVAL', 'PIPELINE', 'TRAIN')),
    CONSTRAINT runs_status_ck CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
    CONSTRAINT runs_correct_ck CHECK (n_correct IS NULL OR (n_correct >= 0 AND n_correct <= n_samples))
);
-- Leaderboard: latest finished eval run per (model, benchmark), optionally within a suite.
CREATE INDEX runs_leaderboard_ix ON runs (kind, status, model, benchmark, finished_at);
CREATE INDEX runs_suite_ix ON runs (suite, kind, status);
CREATE INDEX runs_started_ix ON runs (started_at);

CREATE TABLE samples (
    id               BIGINT        NOT NULL,
    run_id           BIGINT        NOT NULL,
    problem_id       VARCHAR(512)  NOT NULL,
    problem_index    INTEGER       NOT NULL,
    sample_index     INTEGER       NOT NULL,
    completion       TEXT          NOT NULL,
    extracted_answer TEXT,
    correct          BOOLEAN       NOT NULL,
    level            VARCHAR(64),
    subject          VARCHAR(255),
    first_error_step INTEGER,
    n_steps          INTEGER       NOT NULL,
    CONSTRAINT samples_pk PRIMARY KEY (id),
    -- One row per (problem, sample) of a run: a resumed run cannot store a sample twice. The index also
    -- serves every per-run query (paging, filters, comparing two runs problem by problem).
    CONSTRAINT samples_run_problem_sample_uk UNIQUE (run_id, problem_index, sample_index),
    CONSTRAINT samples_run_fk FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
);

CREATE TABLE steps (
    sample_id    BIGINT      NOT NULL,
    step_index   INTEGER     NOT NULL,
    text         TEXT        NOT NULL,
    char_start   INTEGER     NOT NULL,
    char_end     INTEGER     NOT NULL,
    verdict      VARCHAR(16),
    judge_reason TEXT,
    CONSTRAINT steps_pk PRIMARY KEY (sample_id, step_index),
    CONSTRAINT steps_sample_fk FOREIGN KEY (sample_id) REFERENCES samples (id) ON DELETE CASCADE,
    CONSTRAINT steps_span_ck CHECK (char_start >= 0 AND char_end >= char_start),
    CONSTRAINT steps_verdict_ck CHECK (verdict IS NULL OR verdict IN ('CORRECT', 'INCORRECT', 'NEUTRAL'))
);
