package org.stepdpo.data;

import org.stepdpo.grading.AnswerGrader;
import org.stepdpo.grading.ExtractionOptions;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What the JSONL benchmarks share: reading through {@link JsonlReader}, problem ids, option checking and
 * grading with {@link AnswerGrader}. A subclass says how one record becomes a {@link Problem}.
 *
 * <p>Every adapter accepts the option {@value #ID_PREFIX}: the prefix of ids derived from a row number or
 * a bare numeric id (default: the adapter's name), so that two files of one benchmark can be told apart.
 */
public abstract class JsonlDatasetAdapter implements DatasetAdapter {
    public static final String ID_PREFIX = "idPrefix";
    /** Option: only the first N problems of the file (a quick run of a large benchmark); every record is still read. */
    public static final String LIMIT = "limit";

    private static final Pattern BARE_NUMBER = Pattern.compile("-?\\d+");

    private final AnswerGrader grader;

    protected JsonlDatasetAdapter(ExtractionOptions extraction) {
        this.grader = new AnswerGrader(extraction);
    }

    /** Turns one record into a problem; {@code idPrefix} is the prefix for {@link #problemId}. */
    protected abstract Problem toProblem(JsonRecord record, String idPrefix, LoadOptions options);

    /** Adapter-specific option names accepted in {@link LoadOptions#fields()}, besides {@value #ID_PREFIX}. */
    protected Set<String> optionNames() {
        return Set.of();
    }

    @Override
    public final LoadResult load(Path source, LoadOptions options) {
        Set<String> known = new TreeSet<>(optionNames());
        known.add(ID_PREFIX);
        known.add(LIMIT);
        for (String option : options.fields().keySet()) {
            if (!known.contains(option)) {
                throw new IllegalArgumentException("dataset adapter " + name() + " has no option \"" + option
                        + "\"; its options are " + known);
            }
        }
        String idPrefix = options.field(ID_PREFIX, name());
        LoadResult all = JsonlReader.load(source, options.skipInvalid(), record -> toProblem(record, idPrefix, options));
        String limit = options.fields().get(LIMIT);
        if (limit == null) {
            return all;
        }
        int n;
        try {
            n = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1) {
            throw new IllegalArgumentException("dataset adapter " + name() + ": option limit must be a positive integer,"
                    + " got \"" + limit + "\"");
        }
        return new LoadResult(all.problems().subList(0, Math.min(n, all.problems().size())), all.skipped());
    }

    @Override
    public Grade grade(Problem problem, String completion) {
        return grader.grade(completion, problem.referenceAnswer());
    }

    /**
     * The id in {@code idField} when the record has one ({@code idPrefix-N} when it is a bare number),
     * else {@code idPrefix-row}.
     */
    protected static String problemId(JsonRecord record, String idField, String idPrefix) {
        String id = idField == null ? null : record.optionalNumberOrString(idField).orElse(null);
        if (id == null) {
            return idPrefix + "-" + record.row();
        }
        return BARE_NUMBER.matcher(id).matches() ? idPrefix + "-" + id : id;
    }
}
