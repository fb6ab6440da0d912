package org.stepdpo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The task a model this project built was trained on: the {@code recipe.json} the demo writes beside its SFT model
 * (the model folder, or one or two folders up from it). A pipeline on such a model with other task options measures
 * a task the model never learned (the toy with the arith defaults scored 1.3% instead of 49.5%); this names the
 * differences so the command can say so before it starts.
 */
final class ModelRecipe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelRecipe() {
    }

    /**
     * What differs between the recipe's training data and the pipeline's: the adapter, each option the recipe set
     * (the problem count {@code n} aside), and the template; empty when there is no recipe or nothing differs.
     */
    static List<String> differences(Path model, String adapter, Map<String, String> options, String template) {
        Optional<Path> file = find(model);
        if (file.isEmpty()) {
            return List.of();
        }
        JsonNode recipe;
        try {
            recipe = JSON.readTree(file.get().toFile());
        } catch (IOException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        JsonNode dataset = recipe.path("dataset");
        String trainedAdapter = dataset.path("adapter").asText("");
        if (!trainedAdapter.isEmpty() && !trainedAdapter.equals(adapter)) {
            out.add("adapter " + trainedAdapter + " (here: " + adapter + ")");
            return out;
        }
        dataset.path("trainOptions").fields().forEachRemaining(e -> {
            String here = options.get(e.getKey());
            if (!e.getKey().equals("n") && !e.getValue().asText().equals(here)) {
                out.add(e.getKey() + "=" + e.getValue().asText() + " (here: " + (here == null ? "the default" : here) + ")");
            }
        });
        String trainedTemplate = recipe.path("template").path("name").asText("");
        if (!trainedTemplate.isEmpty() && !trainedTemplate.equals(template)) {
            out.add("template " + trainedTemplate + " (here: " + template + ")");
        }
        return out;
    }

    /** The recipe file, if the model was built here. */
    static Optional<Path> find(Path model) {
        Path dir = model.toAbsolutePath().normalize();
        for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("recipe.json"))) {
                return Optional.of(dir.resolve("recipe.json"));
            }
        }
        return Optional.empty();
    }
}
