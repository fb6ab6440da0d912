package org.stepdpo.regress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.stepdpo.config.Suite;
import org.stepdpo.config.SuiteKeys;
import org.stepdpo.engine.checkpoint.RunFingerprint;

/**
 * SHA-256 of what a suite measures, every setting with its default filled in (data, model, template, sampling, judge,
 * training, evaluation, benchmarks; not its
 * {@code regress} block, which only says how to judge), stored in a baseline so that a report can say when the
 * suite changed since the baseline was written.
 */
final class SuiteFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteFingerprint() {
    }

    static String of(Suite s) {
        ObjectNode n = JSON.createObjectNode();
        n.set("dataset", SuiteKeys.tree(s.dataset()));
        n.put("template", s.template());
        n.set("model", SuiteKeys.tree(s.model()));
        if (s.generator().isRemote()) { // which server answers does not change what is measured; the model may
            n.putObject("generator").put("kind", s.generator().kind()).put("model", s.generator().model());
        }
        n.set("sampling", SuiteKeys.tree(s.sampling()));
        n.set("judge", SuiteKeys.tree(s.judge()));
        n.set("rectification", SuiteKeys.tree(s.rectification()));
        n.set("pairs", SuiteKeys.tree(s.pairs()));
        n.set("training", SuiteKeys.tree(s.training()));
        n.set("evaluation", SuiteKeys.tree(s.evaluation()));
        n.set("benchmarks", SuiteKeys.tree(s.benchmarks()));
        return RunFingerprint.sha256(n);
    }
}
