-- Runs of kind JUDGE: a step judge scored against gold first-error labels (stepdpo judge-eval on ProcessBench).
-- Portable SQL, as V1: the same script runs on H2 and PostgreSQL.
ALTER TABLE runs DROP CONSTRAINT runs_kind_ck;
ALTER TABLE runs ADD CONSTRAINT runs_kind_ck CHECK (kind IN ('EVAL', 'PIPELINE', 'TRAIN', 'JUDGE'));
