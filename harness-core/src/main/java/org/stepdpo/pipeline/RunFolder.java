package org.stepdpo.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepdpo.engine.checkpoint.RunFingerprint;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;

/**
 * A data iteration's folder and what it is for: {@code run.json} holds the run's identity (everything that decides
 * its records), written once; the same folder is only resumed with the same identity.
 */
final class RunFolder {

    static final String RUN_JSON = "run.json";

    private RunFolder() {
    }

    /**
     * What is fixed for the life of the folder; batch sizes and connection settings may change between attempts,
     * and so may the servers: the judge's URLs are not part of it.
     */
    static ObjectNode describe(PipelineConfig c, String sourceModel) {
        ObjectNode n = JsonlLog.JSON.createObjectNode();
        n.put("source_model", sourceModel);
        ObjectNode data = n.putObject("dataset");
        data.put("adapter", c.dataset().adapter());
        data.put("source", c.dataset().source());
        ObjectNode options = data.putObject("options");
        c.dataset().options().forEach(options::put);
        ObjectNode template = n.putObject("template");
        template.put("name", c.template().name());
        template.put("prompt", c.template().prompt());
        template.put("response_prefix", c.template().responsePrefix());
        n.put("samples_per_problem", c.samplesPerProblem());
        n.set("sampling", sampling(c.sampling()));
        ObjectNode judge = n.putObject("judge");
        if (c.judge() instanceof JudgeChoice.Verifier) {
            judge.put("kind", "verifier");
        } else if (c.judge() instanceof JudgeChoice.Rollout r) {
            judge.put("kind", "rollout");
            judge.put("rollouts", r.rollouts());
            judge.put("threshold", r.threshold());
            judge.set("sampling", sampling(r.sampling()));
        } else if (c.judge() instanceof JudgeChoice.Llm l) {
            judge.put("kind", "llm");
            judge.put("model", l.endpoints().model());
            judge.put("show_reference_answer", l.showReferenceAnswer());
            judge.put("max_tokens", l.maxTokens());
        }
        n.put("rectifications_per_error", c.rectificationsPerError());
        n.set("rectification_sampling", sampling(c.rectificationSampling()));
        ObjectNode rules = n.putObject("pair_rules");
        rules.put("dedupe", c.pairRules().dedupe());
        rules.put("drop_identical", c.pairRules().dropIdentical());
        rules.put("max_pairs_per_error", c.pairRules().maxPairsPerError());
        rules.put("max_pairs_per_problem", c.pairRules().maxPairsPerProblem());
        rules.put("max_step_chars", c.pairRules().maxStepChars());
        rules.put("max_dpo_pairs_per_problem", c.pairRules().maxDpoPairsPerProblem());
        n.put("seed", c.seed());
        return n;
    }

    private static ObjectNode sampling(SamplingSettings s) {
        ObjectNode n = JsonlLog.JSON.createObjectNode();
        n.put("temperature", s.temperature());
        n.put("top_p", s.topP());
        n.put("top_k", s.topK());
        n.put("max_tokens", s.maxTokens());
        s.stop().forEach(n.putArray("stop")::add);
        return n;
    }

    /** Writes run.json in a new folder; in a used one, refuses a different configuration. */
    static void claim(Path dir, ObjectNode identity, PipelineConfig config) {
        Path runJson = dir.resolve(RUN_JSON);
        try {
            // Through text and back, so that numbers compare by value and not by Java type.
            identity = (ObjectNode) JsonlLog.JSON.readTree(identity.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (Files.exists(runJson)) {
            JsonNode before;
            try {
                before = JsonlLog.JSON.readTree(Files.readString(runJson)).path("identity");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + runJson + ": " + e.getMessage(), e);
            }
            if (before.path("judge") instanceof ObjectNode judge) {
                judge.remove("base_url"); // folders written before the servers left the identity
            }
            List<String> differences = RunFingerprint.differences(before, identity);
            if (!differences.isEmpty()) {
                throw new IllegalArgumentException(dir + " holds a run with another configuration (" + String.join("; ",
                        differences) + "); resume it with the same settings, or choose another output folder");
            }
            return;
        }
        ObjectNode run = JsonlLog.JSON.createObjectNode();
        run.set("identity", identity);
        run.put("batch_size", config.batchSize());
        run.put("out_dir", dir.toAbsolutePath().toString());
        JsonlLog.writeStringAtomically(runJson, run.toPrettyString() + "\n");
    }
}
