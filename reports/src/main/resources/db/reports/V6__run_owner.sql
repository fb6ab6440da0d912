-- The process that runs a run: host, process id and its start time, recorded when the run starts (or is taken up
-- again by a resume). A RUNNING run whose process is gone from this host was interrupted (killed, crashed, lost its
-- machine); the store shows it so, and a resume continues it. Older runs have no owner and keep their status.
-- Portable SQL, as V1: the same script runs on H2 and PostgreSQL.
ALTER TABLE runs ADD COLUMN owner_host VARCHAR(255);
ALTER TABLE runs ADD COLUMN owner_pid BIGINT;
ALTER TABLE runs ADD COLUMN owner_started_at TIMESTAMP WITH TIME ZONE;
