package org.stepdpo.engine.training.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.stepdpo.engine.checkpoint.HfCheckpoint;

/**
 * A run's validation history and its best weights: {@code OUT/best/} (a model folder, plus
 * {@code validation.json} naming the step and score its weights had) and {@code OUT/best.json}
 * ({@code {"step", "score", "history": [{"step", "score"}, ...]}}, the one home of the history).
 *
 * <p>Crash-safe: a new best is written into {@code .partial-best/} and swapped in by renames, and
 * {@code best.json} is replaced atomically after every validation. {@link #reopen} repairs what a kill between
 * two of those writes left: a half swap is undone, and a best folder newer than {@code best.json} (killed after
 * the swap) adds its own point to the history, since that score was measured.
 */
public final class BestModelStore {

    public static final String FOLDER = "best";
    public static final String SUMMARY = "best.json";
    public static final String MARKER = "validation.json";
    static final String PARTIAL = ".partial-best";
    static final String PREVIOUS = ".previous-best";

    private final Path out;
    private final List<ValidationPoint> history;
    private ValidationPoint best;

    private BestModelStore(Path out, List<ValidationPoint> history) {
        this.out = out;
        this.history = new ArrayList<>(history);
        this.history.sort(Comparator.comparingInt(ValidationPoint::step));
        for (ValidationPoint p : this.history) {
            if (p.beats(best)) {
                best = p;
            }
        }
    }

    /** A new run: forgets the validations and the best folder of an earlier run in {@code out}. */
    public static BestModelStore fresh(Path out) {
        deleteTree(out.resolve(PARTIAL));
        deleteTree(out.resolve(PREVIOUS));
        deleteTree(out.resolve(FOLDER));
        delete(out.resolve(SUMMARY));
        delete(out.resolve(SUMMARY + ".tmp"));
        return new BestModelStore(out, List.of());
    }

    /** A resumed run: the history and best folder written so far, repaired after a kill. */
    public static BestModelStore reopen(Path out) {
        Path folder = out.resolve(FOLDER);
        Path previous = out.resolve(PREVIOUS);
        deleteTree(out.resolve(PARTIAL));
        delete(out.resolve(SUMMARY + ".tmp"));
        if (!Files.isDirectory(folder) && Files.isDirectory(previous)) {
            move(previous, folder); // killed between the two renames of a swap: the old best is still the best
        }
        deleteTree(previous);
        List<ValidationPoint> history = new ArrayList<>(read(out).map(BestModel::history).orElse(List.of()));
        if (Files.isRegularFile(folder.resolve(MARKER))) {
            ValidationPoint inFolder = point(HfCheckpoint.readJson(folder.resolve(MARKER)), folder.resolve(MARKER));
            if (history.stream().noneMatch(p -> p.step() == inFolder.step())) {
                history.add(inFolder); // killed after the swap, before best.json: the folder's score was measured
            }
        }
        BestModelStore store = new BestModelStore(out, history);
        store.checkFolder();
        return store;
    }

    /** The best weights a finished run left in {@code out} (as best.json lists them); empty when it did not validate. */
    public static Optional<BestModel> read(Path out) {
        Path summary = out.resolve(SUMMARY);
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        List<ValidationPoint> history = new ArrayList<>();
        for (JsonNode n : HfCheckpoint.readJson(summary).path("history")) {
            history.add(point(n, summary));
        }
        return Optional.ofNullable(new BestModelStore(out, history).best());
    }

    private static ValidationPoint point(JsonNode n, Path file) {
        if (!n.path("step").canConvertToInt() || !n.path("score").isNumber()) {
            throw new IllegalStateException(file + ": expected {\"step\": int, \"score\": number}, got " + n);
        }
        return new ValidationPoint(n.get("step").asInt(), n.get("score").asDouble());
    }

    /** The best folder must hold the best point's weights; anything else cannot be repaired here. */
    private void checkFolder() {
        if (best == null) {
            return;
        }
        Path marker = out.resolve(FOLDER).resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            throw new IllegalStateException(out.resolve(SUMMARY) + " lists validations but " + marker + " is missing");
        }
        int step = point(HfCheckpoint.readJson(marker), marker).step();
        if (step != best.step()) {
            throw new IllegalStateException(out.resolve(FOLDER) + " holds the weights of step " + step + " but the best "
                    + "validation in " + out.resolve(SUMMARY) + " is step " + best.step());
        }
    }

    /** Whether the weights after {@code step} steps were validated already (by this run or before a resume). */
    public boolean has(int step) {
        return history.stream().anyMatch(p -> p.step() == step);
    }

    /**
     * Adds a validation; when it beats the best so far, {@code writeWeights} writes the live model into the folder
     * it is given, which then becomes {@code OUT/best}. Returns whether it did.
     */
    public boolean record(ValidationPoint point, Consumer<Path> writeWeights) {
        if (has(point.step())) {
            throw new IllegalStateException("step " + point.step() + " is validated already in " + out.resolve(SUMMARY));
        }
        history.add(point);
        history.sort(Comparator.comparingInt(ValidationPoint::step));
        boolean improved = point.beats(best);
        if (improved) {
            Path partial = out.resolve(PARTIAL);
            deleteTree(partial);
            writeWeights.accept(partial);
            HfCheckpoint.writeJson(partial.resolve(MARKER), json(point));
            Path folder = out.resolve(FOLDER);
            if (Files.exists(folder)) {
                deleteTree(out.resolve(PREVIOUS));
                move(folder, out.resolve(PREVIOUS));
            }
            move(partial, folder);
            best = point;
        }
        writeSummary();
        deleteTree(out.resolve(PREVIOUS));
        return improved;
    }

    /** The best weights so far, or null before the first validation. */
    public BestModel best() {
        return best == null ? null : new BestModel(out.resolve(FOLDER), best.step(), best.score(), history);
    }

    public List<ValidationPoint> history() {
        return List.copyOf(history);
    }

    private void writeSummary() {
        ObjectNode n = json(best);
        ArrayNode points = n.putArray("history");
        history.forEach(p -> points.add(json(p)));
        Path file = out.resolve(SUMMARY);
        Path tmp = out.resolve(SUMMARY + ".tmp");
        HfCheckpoint.writeJson(tmp, n);
        move(tmp, file);
    }

    private static ObjectNode json(ValidationPoint p) {
        ObjectNode n = HfCheckpoint.json().createObjectNode();
        n.put("step", p.step());
        n.put("score", p.score());
        return n;
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
