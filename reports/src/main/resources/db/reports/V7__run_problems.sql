-- The problems a run answered, as the model saw them: the question text and the reference answer the samples were
-- graded against, once per (run, problem). The sample page shows them beside the steps. Runs stored before have none
-- (the page says so). Portable SQL, as V1: the same script runs on H2 and PostgreSQL.
CREATE TABLE run_problems (
    run_id            BIGINT        NOT NULL,
    problem_id        VARCHAR(512)  NOT NULL,
    question          TEXT          NOT NULL,
    reference_answer  TEXT,
    CONSTRAINT run_problems_pk PRIMARY KEY (run_id, problem_id),
    CONSTRAINT run_problems_run_fk FOREIGN KEY (run_id) REFERENCES runs (id) ON DELETE CASCADE
);
