package org.stepdpo.reports.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which evaluation runs graded the model a training run wrote, so that the comparison of two trainings (their
 * curves) and the comparison of their models' answers (flips, McNemar) link to each other. An evaluation belongs to
 * a training when the model folder it evaluated ({@code settings.model_dir} of its provenance) lies inside the
 * training's output folder ({@code final/}, {@code best/}); evaluations that graded completion files name no model
 * folder and are never linked.
 */
public final class TrainedModelEvaluations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainedModelEvaluations() {
    }

    /** The same benchmark (adapter and data file) evaluated on the models of both trainings. */
    public record Pair(String benchmark, String dataFile, RunView a, RunView b) {
    }

    /** Per benchmark both trainings' models were evaluated on, the newest finished evaluation of each. */
    public static List<Pair> paired(RunView trainingA, RunView trainingB, List<RunView> runs) {
        Map<String, RunView> ofA = newestByBenchmark(trainingA, runs);
        Map<String, RunView> ofB = newestByBenchmark(trainingB, runs);
        List<Pair> out = new ArrayList<>();
        ofA.forEach((key, a) -> {
            RunView b = ofB.get(key);
            if (b != null) {
                out.add(new Pair(a.benchmark(), a.dataFile(), a, b));
            }
        });
        return out;
    }

    /** The training run whose output folder holds the model {@code evaluation} graded, if one is stored. */
    public static Optional<RunView> trainingOf(RunView evaluation, List<RunView> runs) {
        Optional<Path> model = modelDir(evaluation);
        return model.flatMap(dir -> runs.stream().filter(r -> r.kind() == RunKind.TRAIN && inside(dir, r))
                .max(Comparator.comparingLong(RunView::id)));
    }

    private static Map<String, RunView> newestByBenchmark(RunView training, List<RunView> runs) {
        Map<String, RunView> newest = new LinkedHashMap<>();
        runs.stream().filter(r -> r.kind() == RunKind.EVAL && r.status() == RunStatus.FINISHED)
                .filter(r -> modelDir(r).map(dir -> inside(dir, training)).orElse(false))
                .sorted(Comparator.comparingLong(RunView::id))
                .forEach(r -> newest.put(r.benchmark() + "\n" + r.dataFile(), r));
        return newest;
    }

    private static boolean inside(Path modelDir, RunView training) {
        if (training.outputDir() == null || training.outputDir().isBlank()) {
            return false;
        }
        Path out = Path.of(training.outputDir()).normalize();
        return modelDir.normalize().startsWith(out);
    }

    private static Optional<Path> modelDir(RunView evaluation) {
        if (evaluation.configJson() == null) {
            return Optional.empty();
        }
        try {
            JsonNode dir = JSON.readTree(evaluation.configJson()).path("settings").path("model_dir");
            return dir.isTextual() && !dir.asText().isBlank() ? Optional.of(Path.of(dir.asText())) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // a configuration that is not JSON links nothing
        }
    }
}
