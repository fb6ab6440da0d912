package org.stepdpo.reports.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON: {@code {"confidence":0.95,"benchmarks":[...],"rankings":{benchmark:[model, ...]},"rows":[{"model":..,
 * "mean_accuracy":.. (null unless evaluated completely on every benchmark),"cells":{benchmark:{"accuracy","ci_low",
 * "ci_high","correct","n","problems_in_data","partial","run_id","finished_at"}}}],"self_checks":[rows]}}; shares are in
 * [0, 1].
 */
public final class JsonRenderer implements LeaderboardRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(Leaderboard board) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("confidence", 0.95);
        ArrayNode benchmarks = root.putArray("benchmarks");
        board.benchmarks().forEach(benchmarks::add);
        ObjectNode rankings = root.putObject("rankings");
        board.benchmarks().forEach(b -> board.ranking(b).forEach(r -> rankings.withArray(b).add(r.model())));
        ArrayNode rows = root.putArray("rows");
        for (LeaderboardRow row : board.rows()) {
            ObjectNode r = rows.addObject();
            r.put("model", row.model());
            r.put("mean_accuracy", board.mean(row));
            cells(r.putObject("cells"), row);
        }
        ArrayNode checks = root.putArray("self_checks");
        for (LeaderboardRow row : board.selfChecks()) {
            ObjectNode r = checks.addObject();
            r.put("model", row.model());
            cells(r.putObject("cells"), row);
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the leaderboard as JSON", e);
        }
    }

    private static void cells(ObjectNode cells, LeaderboardRow row) {
        row.cells().keySet().stream().sorted().forEach(benchmark -> {
            LeaderboardCell cell = row.cells().get(benchmark);
            ObjectNode c = cells.putObject(benchmark);
            c.put("accuracy", cell.accuracy());
            c.put("ci_low", cell.interval().low());
            c.put("ci_high", cell.interval().high());
            c.put("correct", cell.correct());
            c.put("n", cell.n());
            c.put("problems_in_data", cell.problemsInData());
            c.put("partial", cell.partial());
            c.put("run_id", cell.runId());
            c.put("finished_at", cell.finishedAt().toString());
        });
    }
}
