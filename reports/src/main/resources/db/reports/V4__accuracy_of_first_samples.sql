-- Accuracy is the share of problems whose first sample (lowest sample index) is right (docs/METRICS.md); runs
-- stored n_correct / n_samples until now, the same number with one sample per problem. n_first_correct is the
-- new numerator; finished runs get it, and their problem count, from their stored samples, and the accuracy
-- column is rewritten from them. Runs without samples (training) had 0 for pass@1 and mean steps: undefined,
-- now NULL. maj_at_k of older pipeline runs stays NULL (the vote needs the application; the dashboard computes
-- it from the samples). Portable SQL, as V1: the same script runs on H2 and PostgreSQL.
ALTER TABLE runs ADD COLUMN n_first_correct INTEGER;

UPDATE runs SET n_problems = (SELECT COUNT(DISTINCT s.problem_id) FROM samples s WHERE s.run_id = runs.id)
WHERE n_correct IS NOT NULL AND n_samples > 0;

UPDATE runs SET n_first_correct = (
    SELECT COUNT(DISTINCT s.problem_id) FROM samples s
    WHERE s.run_id = runs.id AND s.correct = TRUE
      AND s.sample_index = (SELECT MIN(f.sample_index) FROM samples f
                            WHERE f.run_id = s.run_id AND f.problem_id = s.problem_id))
WHERE n_correct IS NOT NULL;

UPDATE runs SET accuracy = CASE WHEN n_problems > 0 THEN CAST(n_first_correct AS DOUBLE PRECISION) / n_problems END
WHERE n_first_correct IS NOT NULL;

UPDATE runs SET pass_at_1 = NULL, mean_steps = NULL WHERE n_samples = 0;

ALTER TABLE runs ADD CONSTRAINT runs_first_correct_ck
    CHECK (n_first_correct IS NULL OR (n_first_correct >= 0 AND n_first_correct <= n_problems));
