package org.stepdpo.reports.leaderboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON: {@code {"confidence":0.95,"benchmarks":[...],"rows":[{"model":..,"mean_accuracy":..,"cells":{benchmark:
 * {"accuracy","ci_low","ci_high","correct","n","run_id","finished_at"}}}]}}; shares are in [0, 1].
 */
public final class JsonRenderer implements LeaderboardRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String render(Leaderboard board) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("confidence", 0.95);
        ArrayNode benchmarks = root.putArray("benchmarks");
        board.benchmarks().forEach(benchmarks::add);
        ArrayNode rows = root.putArray("rows");
        for (LeaderboardRow row : board.rows()) {
            ObjectNode r = rows.addObject();
            r.put("model", row.model());
            r.put("mean_accuracy", row.meanAccuracy());
            ObjectNode cells = r.putObject("cells");
            for (String benchmark : board.benchmarks()) {
                row.cell(benchmark).ifPresent(cell -> {
                    ObjectNode c = cells.putObject(benchmark);
                    c.put("accuracy", cell.accuracy());
                    c.put("ci_low", cell.interval().low());
                    c.put("ci_high", cell.interval().high());
                    c.put("correct", cell.correct());
                    c.put("n", cell.n());
                    c.put("run_id", cell.runId());
                    c.put("finished_at", cell.finishedAt().toString());
                });
            }
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the leaderboard as JSON", e);
        }
    }
}
