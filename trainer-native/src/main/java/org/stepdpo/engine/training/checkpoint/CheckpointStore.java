package org.stepdpo.engine.training.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.checkpoint.SafetensorsFile;

/**
 * Resumable training checkpoints under {@code OUT/checkpoints/step-NNNNNN/}: {@code trainable.safetensors}
 * (the weights being trained: all of them, or the LoRA adapters), {@code optimizer.safetensors} (AdamW
 * moments) and {@code trainer_state.json} (step, data position, optimiser step count, schedule, seeds, the
 * run's fingerprint). A checkpoint is written into a temporary folder and renamed, so a crash while saving
 * never leaves a half checkpoint that looks complete; older ones beyond {@code keep} are deleted.
 */
public final class CheckpointStore {

    public static final String TRAINABLE = "trainable.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "trainer_state.json";

    private final Path root;
    private final int keep;

    /** A checkpoint read back (tensors on the CPU; the caller closes them). */
    public record Saved(Path directory, int step, Map<String, Tensor> trainable, Map<String, Tensor> optimizer,
                        JsonNode state) {
    }

    public CheckpointStore(Path root, int keep) {
        this.root = root;
        this.keep = keep;
    }

    public Path root() {
        return root;
    }

    public Path save(int step, Map<String, Tensor> trainable, Map<String, Tensor> optimizer, ObjectNode state) {
        Path target = root.resolve(String.format("step-%06d", step));
        Path temp = root.resolve(String.format(".partial-step-%06d", step));
        try {
            Files.createDirectories(root);
            deleteTree(temp);
            Files.createDirectories(temp);
            SafetensorsFile.write(temp.resolve(TRAINABLE), trainable, Map.of());
            SafetensorsFile.write(temp.resolve(OPTIMIZER), optimizer, Map.of());
            HfCheckpoint.writeJson(temp.resolve(STATE), state);
            deleteTree(target);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            List<Path> all = complete();
            for (int i = 0; i < all.size() - keep; i++) {
                deleteTree(all.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Saved> latest() {
        List<Path> all = complete();
        if (all.isEmpty()) {
            return Optional.empty();
        }
        Path dir = all.get(all.size() - 1);
        JsonNode state = HfCheckpoint.readJson(dir.resolve(STATE));
        return Optional.of(new Saved(dir, state.path("step").asInt(), SafetensorsFile.read(dir.resolve(TRAINABLE)),
                SafetensorsFile.read(dir.resolve(OPTIMIZER)), state));
    }

    /** Complete checkpoints, oldest first. */
    public List<Path> complete() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d+") && Files.isRegularFile(p.resolve(STATE)))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
