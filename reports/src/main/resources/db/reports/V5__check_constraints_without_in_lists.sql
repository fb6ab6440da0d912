-- The value-list checks of V1/V3, rewritten as "= ANY (ARRAY[...])". Same rules, another form, because H2 2.4
-- compiles "x IN ('A', 'B')" (and an OR of equalities, which it turns into one) into a set whose comparator is
-- the session that created the constraint: once that session closes while the database stays open - Flyway's
-- pooled connection reaped after five idle minutes during a long command - every insert or update of the table
-- fails with "Check constraint invalid ... The database has been closed". The array form is evaluated in the
-- session that writes the row. Portable SQL, as V1: the same script runs on H2 and PostgreSQL.
ALTER TABLE runs DROP CONSTRAINT runs_kind_ck;
ALTER TABLE runs ADD CONSTRAINT runs_kind_ck CHECK (kind = ANY (ARRAY['EVAL', 'PIPELINE', 'TRAIN', 'JUDGE']));
ALTER TABLE runs DROP CONSTRAINT runs_status_ck;
ALTER TABLE runs ADD CONSTRAINT runs_status_ck CHECK (status = ANY (ARRAY['RUNNING', 'FINISHED', 'FAILED']));
ALTER TABLE steps DROP CONSTRAINT steps_verdict_ck;
ALTER TABLE steps ADD CONSTRAINT steps_verdict_ck
    CHECK (verdict IS NULL OR verdict = ANY (ARRAY['CORRECT', 'INCORRECT', 'NEUTRAL']));
