package org.stepdpo.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepdpo.config.Suite;
import org.stepdpo.engine.checkpoint.RunFingerprint;

/**
 * SHA-256 of what a suite measures (data, model, template, sampling, judge, training, evaluation, benchmarks; not its
 * {@code regress} block, which only says how to judge), stored in a baseline so that a report can say when the
 * suite changed since the baseline was written.
 */
final class SuiteFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteFingerprint() {
    }

    static String of(Suite s) {
        ObjectNode n = JSON.createObjectNode();
        n.set("dataset", JSON.valueToTree(s.dataset()));
        n.put("template", s.template());
        n.set("model", JSON.valueToTree(s.model()));
        n.set("sampling", JSON.valueToTree(s.sampling()));
        n.set("judge", JSON.valueToTree(s.judge()));
        n.set("rectification", JSON.valueToTree(s.rectification()));
        n.set("pairs", JSON.valueToTree(s.pairs()));
        n.set("training", JSON.valueToTree(s.training()));
        n.set("evaluation", JSON.valueToTree(s.evaluation()));
        if (!s.benchmarks().isEmpty()) { // absent when empty: suites without benchmarks keep their earlier hash
            n.set("benchmarks", JSON.valueToTree(s.benchmarks()));
        }
        return RunFingerprint.sha256(n);
    }
}
