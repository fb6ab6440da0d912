package org.stepdpo.data.arith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetException;
import org.stepdpo.data.Grade;
import org.stepdpo.data.JsonRecord;
import org.stepdpo.data.JsonlReader;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.LoadResult;
import org.stepdpo.data.Problem;
import org.stepdpo.grading.AnswerGrader;
import org.stepdpo.grading.ExtractionOptions;

/**
 * The built-in synthetic task: multi-step arithmetic word problems, no download needed.
 *
 * <p>The source is either {@code train} or {@code test} (optionally written {@code arith:test}), which
 * generates the split with options {@code n}, {@code seed} and the {@link ArithConfig} options, or a
 * JSONL file of such problems ({@code question}, {@code answer}, {@code chain}, optional {@code id} and
 * {@code solution}). Answers are graded strictly: a completion must state "The answer is: N".
 */
public final class ArithAdapter implements DatasetAdapter {

    private static final Set<String> OPTIONS = Set.of("n", "seed", "min_steps", "max_steps", "max_operand",
            "max_multiplier", "max_value", "ops", "test_share", "verbs");

    private final AnswerGrader grader = new AnswerGrader(ExtractionOptions.markersOnly());

    @Override
    public String name() {
        return "arith";
    }

    @Override
    public String description() {
        return "built-in synthetic multi-step arithmetic (source: train | test, options n, seed, ...)";
    }

    @Override
    public LoadResult load(Path source, LoadOptions options) {
        for (String key : options.fields().keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("dataset adapter arith has no option \"" + key
                        + "\"; its options are " + OPTIONS.stream().sorted().toList());
            }
        }
        if (Files.isRegularFile(source)) {
            return JsonlReader.load(source, options.skipInvalid(), ArithAdapter::fromRecord);
        }
        String name = source.toString().replaceFirst("^arith:", "");
        ArithGenerator.Split split = switch (name) {
            case "train" -> ArithGenerator.Split.TRAIN;
            case "test" -> ArithGenerator.Split.TEST;
            default -> throw new DatasetException(source, 0, null,
                    "file not found (for the built-in synthetic set, use \"train\" or \"test\")");
        };
        int n = Integer.parseInt(options.field("n", split == ArithGenerator.Split.TEST ? "200" : "2000"));
        long seed = Long.parseLong(options.field("seed", "1"));
        Map<String, String> config = new HashMap<>(options.fields());
        List<ArithProblem> generated = new ArithGenerator(ArithConfig.fromOptions(config)).generate(split, n, seed);
        List<Problem> problems = new ArrayList<>(generated.size());
        for (int i = 0; i < generated.size(); i++) {
            problems.add(toProblem(generated.get(i), i, name));
        }
        return new LoadResult(problems, List.of());
    }

    /** The problem record of a generated problem; its id is its chain, so it is the same in every run. */
    public static Problem toProblem(ArithProblem p, int index, String split) {
        Chain chain = p.chain();
        return new Problem("arith-" + chain.encode().replace(' ', '_'), index, p.question(), p.solution(),
                Long.toString(chain.answer()),
                Map.of("chain", chain.encode(), "verbs", Verb.keys(p.verbs()),
                        "level", Integer.toString(chain.operations().size()), "split", split));
    }

    private static Problem fromRecord(JsonRecord r) {
        String chainText = r.requireString("chain");
        Chain chain;
        try {
            chain = Chain.parse(chainText);
        } catch (IllegalArgumentException e) {
            throw r.error("chain", e.getMessage());
        }
        String answer = r.requireNumberOrString("answer");
        if (!answer.equals(Long.toString(chain.answer()))) {
            throw r.error("answer", "is " + answer + ", but the chain gives " + chain.answer());
        }
        String id = r.optionalNumberOrString("id").orElse("arith-" + chain.encode().replace(' ', '_'));
        Map<String, String> metadata = new HashMap<>();
        metadata.put("chain", chain.encode());
        metadata.put("level", Integer.toString(chain.operations().size()));
        r.optionalString("verbs").ifPresent(v -> metadata.put("verbs", verbs(r, v, chain)));
        return new Problem(id, r.row(), r.requireString("question"), r.optionalString("solution").orElse(null), answer,
                Map.copyOf(metadata));
    }

    /** The {@code verbs} field checked against the chain: one verb per operation, each of that operation. */
    private static String verbs(JsonRecord r, String text, Chain chain) {
        try {
            List<Verb> verbs = Verb.parseAll(text);
            new ArithProblem("-", "-", "-", chain, verbs);
            return Verb.keys(verbs);
        } catch (IllegalArgumentException e) {
            throw r.error("verbs", e.getMessage());
        }
    }

    @Override
    public Grade grade(Problem problem, String completion) {
        return grader.grade(completion, problem.referenceAnswer());
    }
}
