package org.stepdpo.data;

import java.util.Map;
import java.util.Objects;

/**
 * One benchmark problem, whatever file it came from.
 *
 * @param id                stable identifier (from the file when it has one, else derived from adapter + row)
 * @param index             0-based row of the record in its data file
 * @param question          the problem text given to the model
 * @param referenceSolution worked solution when the data set has one, else null
 * @param referenceAnswer   the final answer a completion is graded against
 * @param metadata          level, subject/type and other descriptive fields (never null)
 */
public record Problem(String id, int index, String question, String referenceSolution,
                      String referenceAnswer, Map<String, String> metadata) {
    public Problem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(referenceAnswer, "referenceAnswer");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public String level() {
        return metadata.get("level");
    }

    public String subject() {
        return metadata.get("subject");
    }
}
