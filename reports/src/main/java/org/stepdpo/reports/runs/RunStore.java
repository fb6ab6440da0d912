package org.stepdpo.reports.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.StatelessSession;
import org.hibernate.exception.ConstraintViolationException;
import org.stepdpo.reports.leaderboard.Leaderboard;
import org.stepdpo.reports.leaderboard.LeaderboardEntry;
import org.stepdpo.reports.storage.ActiveDatabase;
import org.stepdpo.reports.storage.RetryWhenConnectionBreaks;
import org.stepdpo.reports.storage.StorageSettings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Stores runs, their samples and steps, and answers the queries the CLI and the dashboard need.
 * Each method is one transaction on the active database (H2 or PostgreSQL, see {@link ActiveDatabase}).
 */
@ApplicationScoped
@RetryWhenConnectionBreaks
public class RunStore {

    /** Samples written per JDBC batch round; their steps follow in batches of the same statement. */
    static final int BATCH_SIZE = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ActiveDatabase database;

    /** Which database holds the results. */
    public StorageSettings.Database database() {
        return database.database();
    }

    /** Records a new run in status RUNNING and returns its id. */
    @Transactional
    public long startRun(NewRun run) {
        requireJsonObject(run.configJson(), "configuration snapshot of run '" + run.name() + "'");
        RunEntity e = new RunEntity();
        e.kind = run.kind();
        e.name = run.name();
        e.model = run.model();
        e.benchmark = run.benchmark();
        e.suite = run.suite();
        e.dataFile = run.dataFile();
        e.configJson = run.configJson();
        e.projectVersion = run.projectVersion();
        e.gitCommit = run.gitCommit();
        e.device = run.device();
        e.outputDir = run.outputDir();
        e.status = RunStatus.RUNNING;
        e.startedAt = now();
        e.ownedBy(RunOwner.current());
        database.session().insert(e);
        return e.id;
    }

    /**
     * Adds graded samples (with their steps) to a running run, all or none. A (problem index, sample index)
     * pair already stored for the run is refused, so a resumed run cannot duplicate work.
     */
    @Transactional
    public void addSamples(long runId, List<SampleRecord> samples) {
        StatelessSession session = database.session();
        RunEntity run = requireRun(session, runId);
        if (run.status != RunStatus.RUNNING) {
            throw new IllegalStateException("run " + runId + " is " + run.status
                    + "; samples can only be added to a RUNNING run");
        }
        Set<Long> keys = new HashSet<>();
        for (SampleRecord s : samples) {
            if (!keys.add(((long) s.problemIndex() << 32) | s.sampleIndex())) {
                throw new IllegalArgumentException("run " + runId + ": the batch holds problem index " + s.problemIndex()
                        + ", sample index " + s.sampleIndex() + " twice");
            }
        }
        session.setJdbcBatchSize(BATCH_SIZE);
        try {
            for (int from = 0; from < samples.size(); from += BATCH_SIZE) {
                List<SampleRecord> chunk = samples.subList(from, Math.min(samples.size(), from + BATCH_SIZE));
                List<SampleEntity> rows = new ArrayList<>(chunk.size());
                chunk.forEach(s -> rows.add(SampleEntity.of(runId, s)));
                session.insertMultiple(rows);
                session.doWork(connection -> insertSteps(connection, rows, chunk));
            }
        } catch (ConstraintViolationException e) {
            throw new IllegalStateException("run " + runId + ": storing " + samples.size() + " samples broke constraint "
                    + e.getConstraintName() + " (a (problem index, sample index) pair that is already stored?)", e);
        }
    }

    private static final String INSERT_STEP = "INSERT INTO steps (sample_id, step_index, text, char_start, char_end,"
            + " verdict, judge_reason) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Steps of freshly inserted samples, in JDBC batches: about twice as fast as entity inserts on H2. */
    private static void insertSteps(Connection connection, List<SampleEntity> rows, List<SampleRecord> records)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
            int pending = 0;
            for (int i = 0; i < rows.size(); i++) {
                long sampleId = rows.get(i).id;
                for (StepRecord step : records.get(i).steps()) {
                    insert.setLong(1, sampleId);
                    insert.setInt(2, step.index());
                    insert.setString(3, step.text());
                    insert.setInt(4, step.charStart());
                    insert.setInt(5, step.charEnd());
                    insert.setString(6, step.verdict() == null ? null : step.verdict().name());
                    insert.setString(7, step.judgeReason());
                    insert.addBatch();
                    if (++pending == BATCH_SIZE) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /**
     * Marks a running run FINISHED with its summary metrics, computed from the samples stored for it
     * ({@link RunSummary#of}): what is stored about a run is always the metrics of its samples.
     */
    @Transactional
    public void finishRun(long runId) {
        finishRun(runId, null);
    }

    /**
     * {@link #finishRun(long)} with what the result must be read with (e.g. "warning: partial: completions cover 5
     * of 10 problems"), kept as the run's status message; null for none.
     */
    @Transactional
    public void finishRun(long runId, String warning) {
        StatelessSession session = database.session();
        RunEntity run = requireRunning(session, runId, "finish");
        RunSummary summary = RunSummary.of(outcomes(runId).stream().map(SampleOutcome::scored).toList());
        run.status = RunStatus.FINISHED;
        run.finishedAt = now();
        run.nProblems = summary.nProblems();
        run.nSamples = summary.nSamples();
        run.nCorrect = summary.nCorrect();
        run.nFirstCorrect = summary.nFirstCorrect();
        run.accuracy = summary.accuracy();
        run.passAt1 = summary.passAt1();
        run.majAtK = summary.majAtK();
        run.majK = summary.majK();
        run.meanSteps = summary.meanSteps();
        run.statusMessage = warning == null || warning.isBlank() ? null : warning;
        session.update(run);
    }

    /**
     * The newest run of {@code kind} named {@code name} that wrote to {@code outputDir} and did not finish: what a
     * resume of that folder continues (an interrupted or failed run), or one still running in another process.
     */
    @Transactional
    public Optional<RunView> unfinished(RunKind kind, String outputDir, String name) {
        return database.session()
                .createSelectionQuery("from RunEntity where kind = :kind and outputDir = :dir and name = :name"
                        + " order by id desc", RunEntity.class)
                .setParameter("kind", kind).setParameter("dir", outputDir).setParameter("name", name)
                .setMaxResults(1).getResultList().stream().map(RunEntity::view)
                .filter(r -> r.status() != RunStatus.FINISHED).findFirst();
    }

    /**
     * Takes an interrupted or failed run up again in this process: RUNNING, owned by this process, its failure
     * message and end time cleared. Refused while the run is still running in a live process.
     */
    @Transactional
    public void resumeRun(long runId) {
        StatelessSession session = database.session();
        RunEntity run = requireRun(session, runId);
        RunStatus now = run.effectiveStatus();
        if (now == RunStatus.RUNNING && (run.owner() == null || !run.owner().isThisProcess())) {
            throw new IllegalStateException("run " + runId + " is still running in " + (run.owner() == null
                    ? "another process" : run.owner().describe()) + "; stop it first, or give another output folder");
        }
        if (now == RunStatus.FINISHED) {
            throw new IllegalStateException("run " + runId + " has finished; there is nothing to resume");
        }
        run.status = RunStatus.RUNNING;
        run.finishedAt = null;
        run.statusMessage = null;
        run.ownedBy(RunOwner.current());
        session.update(run);
    }

    /**
     * Drops a training run's steps after {@code step}: a resume from the checkpoint of that step trains them again,
     * and the stored curve must hold each step once, as the resumed training logs it.
     */
    @Transactional
    public int dropTrainingMetricsAfter(long runId, int step) {
        return database.session().createMutationQuery("delete from TrainingMetricEntity where runId = :run and step > :step")
                .setParameter("run", runId).setParameter("step", step).executeUpdate();
    }

    /** Marks a running run FAILED; its samples stay stored, it never enters the leaderboard. */
    @Transactional
    public void failRun(long runId, String message) {
        StatelessSession session = database.session();
        RunEntity run = requireRunning(session, runId, "fail");
        run.status = RunStatus.FAILED;
        run.finishedAt = now();
        run.statusMessage = message == null || message.isBlank() ? "failed without a message" : message;
        session.update(run);
    }

    /** Deletes a run with its samples and steps; false when there was no such run. */
    @Transactional
    public boolean deleteRun(long runId) {
        StatelessSession session = database.session();
        // The foreign keys cascade: samples and steps go with the run.
        return session.createMutationQuery("delete from RunEntity where id = :id").setParameter("id", runId)
                .executeUpdate() > 0;
    }

    @Transactional
    public Optional<RunView> run(long runId) {
        return Optional.ofNullable(database.session().get(RunEntity.class, runId)).map(RunEntity::view);
    }

    /** All runs, newest first. */
    @Transactional
    public List<RunView> runs() {
        return database.session()
                .createSelectionQuery("from RunEntity order by startedAt desc, id desc", RunEntity.class)
                .getResultList().stream().map(RunEntity::view).toList();
    }

    /**
     * The newest finished run of a kind for each (model, benchmark), optionally within a suite; ordered by
     * benchmark then model. The judge leaderboard reads JUDGE runs this way.
     */
    @Transactional
    public List<RunView> latestFinished(RunKind kind, String suite) {
        String hql = "from RunEntity where kind = :kind and status = :status" + (suite == null ? "" : " and suite = :suite")
                + " order by finishedAt desc, id desc";
        var query = database.session().createSelectionQuery(hql, RunEntity.class)
                .setParameter("kind", kind).setParameter("status", RunStatus.FINISHED);
        if (suite != null) {
            query.setParameter("suite", suite);
        }
        Map<List<String>, RunView> latest = new LinkedHashMap<>();
        for (RunEntity r : query.getResultList()) {
            latest.putIfAbsent(List.of(r.benchmark, r.model), r.view());
        }
        return latest.values().stream()
                .sorted(java.util.Comparator.comparing(RunView::benchmark).thenComparing(RunView::model)).toList();
    }

    /**
     * Other training runs that started from the same model in the same suite, newest first: the demo's DPO run for
     * its Step-DPO run and the other way round, whose curves belong side by side.
     */
    @Transactional
    public List<RunView> trainingSiblings(long runId) {
        RunEntity run = database.session().get(RunEntity.class, runId);
        if (run == null || run.kind != RunKind.TRAIN) {
            return List.of();
        }
        String hql = "from RunEntity where kind = :kind and model = :model and id <> :id"
                + (run.suite == null ? " and suite is null" : " and suite = :suite") + " order by startedAt desc, id desc";
        var query = database.session().createSelectionQuery(hql, RunEntity.class).setParameter("kind", RunKind.TRAIN)
                .setParameter("model", run.model).setParameter("id", runId);
        if (run.suite != null) {
            query.setParameter("suite", run.suite);
        }
        return query.getResultList().stream().map(RunEntity::view).toList();
    }

    /** Number of samples stored for a run. */
    @Transactional
    public long sampleCount(long runId) {
        return database.session()
                .createSelectionQuery("select count(*) from SampleEntity where runId = :run", Long.class)
                .setParameter("run", runId).getSingleResult();
    }

    /** Number of a run's samples that pass a filter. */
    @Transactional
    public long sampleCount(long runId, SampleFilter filter) {
        return database.session()
                .createSelectionQuery("select count(*) from SampleEntity s where s.runId = :run" + filter.hqlCondition,
                        Long.class)
                .setParameter("run", runId).getSingleResult();
    }

    /** A page of a run's samples with their steps, ordered by problem index then sample index. */
    @Transactional
    public List<StoredSample> samples(long runId, int offset, int limit) {
        return samples(runId, SampleFilter.ALL, offset, limit);
    }

    /** A page of the run's samples that pass a filter, with their steps, by problem index then sample index. */
    @Transactional
    public List<StoredSample> samples(long runId, SampleFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative; got " + offset + ", " + limit);
        }
        StatelessSession session = database.session();
        List<SampleEntity> rows = session.createSelectionQuery("from SampleEntity s where s.runId = :run"
                + filter.hqlCondition + " order by s.problemIndex, s.sampleIndex", SampleEntity.class)
                .setParameter("run", runId).setFirstResult(offset).setMaxResults(limit).getResultList();
        return withSteps(session, rows);
    }

    /**
     * Stores the problems a run answered (question and reference answer); those already stored for the run are kept
     * as they are, so a resumed run may store them again.
     */
    @Transactional
    public void addProblems(long runId, List<ProblemText> problems) {
        StatelessSession session = database.session();
        requireRun(session, runId);
        Set<String> stored = new HashSet<>(session.createSelectionQuery(
                "select problemId from ProblemTextEntity where runId = :run", String.class)
                .setParameter("run", runId).getResultList());
        List<ProblemTextEntity> rows = new ArrayList<>();
        for (ProblemText p : problems) {
            if (stored.add(p.problemId())) {
                rows.add(ProblemTextEntity.of(runId, p));
            }
        }
        session.setJdbcBatchSize(BATCH_SIZE);
        session.insertMultiple(rows);
    }

    /** The question and reference answer of one of a run's problems, when the run stored them. */
    @Transactional
    public Optional<ProblemText> problem(long runId, String problemId) {
        return Optional.ofNullable(database.session().get(ProblemTextEntity.class,
                new ProblemTextEntity.Key(runId, problemId))).map(ProblemTextEntity::record);
    }

    /**
     * The samples before and after one sample among a run's samples that pass a filter, in the order the run page lists
     * them (problem index, then sample index); null where there is none.
     */
    @Transactional
    public Neighbours neighbours(long runId, SampleFilter filter, long sampleId) {
        List<Long> ids = database.session().createSelectionQuery("select s.id from SampleEntity s where s.runId = :run"
                + filter.hqlCondition + " order by s.problemIndex, s.sampleIndex", Long.class)
                .setParameter("run", runId).getResultList();
        int at = ids.indexOf(sampleId);
        if (at < 0) {
            return new Neighbours(null, null);
        }
        return new Neighbours(at > 0 ? ids.get(at - 1) : null, at + 1 < ids.size() ? ids.get(at + 1) : null);
    }

    /** The samples on either side of one, by database id; null at the ends. */
    public record Neighbours(Long previous, Long next) {
    }

    /** One sample with its steps, by its database id. */
    @Transactional
    public Optional<StoredSample> sample(long sampleId) {
        StatelessSession session = database.session();
        SampleEntity row = session.get(SampleEntity.class, sampleId);
        return row == null ? Optional.empty() : Optional.of(withSteps(session, List.of(row)).get(0));
    }

    private static List<StoredSample> withSteps(StatelessSession session, List<SampleEntity> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<StepRecord>> steps = new LinkedHashMap<>();
        rows.forEach(r -> steps.put(r.id, new ArrayList<>()));
        session.createSelectionQuery("from StepEntity where sampleId in :ids order by sampleId, stepIndex", StepEntity.class)
                .setParameter("ids", steps.keySet()).getResultList()
                .forEach(s -> steps.get(s.sampleId).add(s.record()));
        return rows.stream().map(r -> new StoredSample(r.id, r.runId, new SampleRecord(r.problemId, r.problemIndex,
                r.sampleIndex, r.completion, r.extractedAnswer, r.correct, r.level, r.subject, r.firstErrorStep,
                r.goldFirstError, steps.get(r.id)))).toList();
    }

    /** Every sample of a run without its texts, by problem index then sample index: the input of the metrics. */
    @Transactional
    public List<SampleOutcome> outcomes(long runId) {
        return database.session().createSelectionQuery("select new org.stepdpo.reports.runs.SampleOutcome(s.id,"
                + " s.problemId, s.problemIndex, s.sampleIndex, s.correct, s.extractedAnswer, s.level, s.subject,"
                + " s.firstErrorStep, s.goldFirstError, s.nSteps, (s.firstErrorStep is not null or exists (select 1"
                + " from StepEntity st where st.sampleId = s.id and st.verdict is not null)))"
                + " from SampleEntity s where s.runId = :run order by s.problemIndex, s.sampleIndex", SampleOutcome.class)
                .setParameter("run", runId).getResultList();
    }

    /** Records what a run ran on (replaces facts recorded before). */
    @Transactional
    public void recordDeviceFacts(long runId, DeviceFacts facts) {
        StatelessSession session = database.session();
        RunEntity run = requireRun(session, runId);
        run.cpuName = facts.cpuName();
        run.cpuCores = facts.cpuCores();
        run.memoryBytes = facts.memoryBytes();
        run.gpuName = facts.gpuName();
        run.gpuMemoryBytes = facts.gpuMemoryBytes();
        session.update(run);
    }

    /**
     * Adds optimizer steps of a running training run, all or none. A step already stored is refused, so a
     * resumed training cannot log a step twice.
     */
    @Transactional
    public void addTrainingMetrics(long runId, List<TrainingMetric> metrics) {
        StatelessSession session = database.session();
        requireRunning(session, runId, "add training metrics to");
        Set<Integer> steps = new HashSet<>();
        for (TrainingMetric m : metrics) {
            if (!steps.add(m.step())) {
                throw new IllegalArgumentException("run " + runId + ": the batch holds training step " + m.step() + " twice");
            }
        }
        session.setJdbcBatchSize(BATCH_SIZE);
        try {
            session.insertMultiple(metrics.stream().map(m -> TrainingMetricEntity.of(runId, m)).toList());
        } catch (ConstraintViolationException e) {
            throw new IllegalStateException("run " + runId + ": storing " + metrics.size() + " training steps broke"
                    + " constraint " + e.getConstraintName() + " (a step that is already stored?)", e);
        }
    }

    /** A run's training metrics in step order (empty for runs that did not train). */
    @Transactional
    public List<TrainingMetric> trainingMetrics(long runId) {
        return database.session()
                .createSelectionQuery("from TrainingMetricEntity where runId = :run order by step", TrainingMetricEntity.class)
                .setParameter("run", runId).getResultList().stream().map(TrainingMetricEntity::record).toList();
    }

    /** Records the stage counts of one pipeline iteration; an iteration is recorded once. */
    @Transactional
    public void recordPairSet(long runId, PairSetCounts counts) {
        StatelessSession session = database.session();
        requireRun(session, runId);
        if (session.get(PairSetEntity.class, new PairSetEntity.Key(runId, counts.iteration())) != null) {
            throw new IllegalStateException("run " + runId + " already has pair set counts for iteration "
                    + counts.iteration());
        }
        PairSetEntity e = new PairSetEntity();
        e.runId = runId;
        e.iteration = counts.iteration();
        e.problems = counts.problems();
        e.samples = counts.samples();
        e.wrongAnswers = counts.wrongAnswers();
        e.localized = counts.localized();
        e.rectified = counts.rectified();
        e.pairsKept = counts.pairsKept();
        e.pairsFile = counts.pairsFile();
        e.recordedAt = now();
        session.insert(e);
    }

    /** A run's pair set counts by iteration. */
    @Transactional
    public List<PairSetCounts> pairSets(long runId) {
        return database.session()
                .createSelectionQuery("from PairSetEntity where runId = :run order by iteration", PairSetEntity.class)
                .setParameter("run", runId).getResultList().stream().map(PairSetEntity::record).toList();
    }

    /** Models × benchmarks over all finished evaluation runs. */
    @Transactional
    public Leaderboard leaderboard() {
        return leaderboard(null);
    }

    /**
     * Models × benchmarks over the finished evaluation runs of one suite (all runs when suite is null); a cell is
     * the run's accuracy over its problems.
     */
    @Transactional
    public Leaderboard leaderboard(String suite) {
        String hql = "from RunEntity where kind = :kind and status = :status" + (suite == null ? "" : " and suite = :suite");
        var query = database.session().createSelectionQuery(hql, RunEntity.class)
                .setParameter("kind", RunKind.EVAL).setParameter("status", RunStatus.FINISHED);
        if (suite != null) {
            query.setParameter("suite", suite);
        }
        return Leaderboard.fromLatest(query.getResultList().stream().map(RunStore::leaderboardEntry).toList());
    }

    /**
     * An evaluation as the leaderboard sees it: the data file's size and whether it graded reference solutions come
     * from the run's settings ({@code problems_in_data}, {@code mode: reference}), where the run recorded them.
     */
    private static LeaderboardEntry leaderboardEntry(RunEntity r) {
        Integer inData = null;
        boolean selfCheck = false;
        try {
            JsonNode settings = JSON.readTree(r.configJson).path("settings");
            if (settings.path("problems_in_data").isInt()) {
                inData = settings.get("problems_in_data").asInt();
            }
            selfCheck = "reference".equals(settings.path("mode").asText());
        } catch (JsonProcessingException e) {
            // stored configurations are checked JSON objects; an unreadable one only loses the coverage
        }
        return new LeaderboardEntry(r.id, r.model, r.benchmark, r.nFirstCorrect, r.nProblems, r.finishedAt, inData,
                selfCheck);
    }

    private static RunEntity requireRun(StatelessSession session, long runId) {
        RunEntity run = session.get(RunEntity.class, runId);
        if (run == null) {
            throw new IllegalArgumentException("no run with id " + runId);
        }
        return run;
    }

    private static RunEntity requireRunning(StatelessSession session, long runId, String action) {
        RunEntity run = requireRun(session, runId);
        if (run.status != RunStatus.RUNNING) {
            throw new IllegalStateException("cannot " + action + " run " + runId + ": it is already " + run.status);
        }
        return run;
    }

    private static void requireJsonObject(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(what + " must be a JSON object; got: " + abbreviate(json));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON (" + e.getOriginalMessage() + "): "
                    + abbreviate(json), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Millisecond precision: both databases keep it, so what is read back equals what was written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
