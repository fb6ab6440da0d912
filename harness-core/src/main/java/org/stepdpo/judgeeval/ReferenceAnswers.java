package org.stepdpo.judgeeval;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;

/**
 * Reference answers for labelled items that come without them. ProcessBench gives no answers, but its
 * problems are the GSM8K and MATH test problems verbatim, so the benchmark's own file supplies them (matched by
 * the problem text). The rollout judge needs them to grade its continuations.
 */
public final class ReferenceAnswers {

    private final DatasetAdapter adapter;
    private final Path file;
    private final Map<String, Problem> byQuestion = new HashMap<>();

    public ReferenceAnswers(DatasetAdapter adapter, Path file) {
        this.adapter = adapter;
        this.file = file;
        for (Problem p : adapter.load(file, new LoadOptions(false, Map.of())).problems()) {
            byQuestion.putIfAbsent(key(p.question()), p);
        }
    }

    public DatasetAdapter adapter() {
        return adapter;
    }

    public Path file() {
        return file;
    }

    /** The benchmark's problem with this text, if the file has it. */
    public Optional<Problem> find(String question) {
        return Optional.ofNullable(byQuestion.get(key(question)));
    }

    private static String key(String question) {
        return question.strip().replaceAll("\\s+", " ");
    }
}
