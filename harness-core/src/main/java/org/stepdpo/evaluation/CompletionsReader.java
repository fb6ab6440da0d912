package org.stepdpo.evaluation;

import java.nio.file.Path;
import java.util.List;
import org.stepdpo.data.JsonRecord;
import org.stepdpo.data.JsonlReader;

/**
 * Reads a completions file: JSONL, each line with {@code idx} (0-based row in the data file) or
 * {@code id}, and {@code completion} (a string) or {@code completions} (a list of strings).
 */
public final class CompletionsReader {

    private CompletionsReader() {
    }

    public static List<CompletionSet> read(Path file) {
        return JsonlReader.readAll(file, CompletionsReader::parse);
    }

    private static CompletionSet parse(JsonRecord r) {
        Integer idx = r.optionalInteger("idx").map(CompletionsReader::toIndex).orElse(null);
        String id = r.optionalNumberOrString("id").orElse(null);
        if (idx == null && id == null) {
            throw r.error("idx", "is missing (each line needs \"idx\", the 0-based row in the data file, or \"id\")");
        }
        if (idx != null && idx < 0) {
            throw r.error("idx", "is " + idx + "; rows are counted from 0");
        }
        boolean one = r.has("completion");
        boolean many = r.has("completions");
        if (one == many) {
            throw r.error(one ? "completions" : "completion",
                    one ? "cannot be given together with \"completion\"" : "is missing (give \"completion\" or \"completions\")");
        }
        List<String> completions = one ? List.of(r.requireText("completion")) : r.optionalStringList("completions").orElseThrow();
        return new CompletionSet(r.line(), idx, id, completions);
    }

    private static Integer toIndex(Long value) {
        return value > Integer.MAX_VALUE ? Integer.MAX_VALUE : value.intValue();
    }
}
