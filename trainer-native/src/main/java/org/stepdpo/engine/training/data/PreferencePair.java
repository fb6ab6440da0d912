package org.stepdpo.engine.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One line of a pairs file in the Math-Step-DPO-10K schema (docs/METHOD.md, "Record formats").
 *
 * @param line               1-based line in its file
 * @param prompt             the problem text (rendered with a {@link PromptFormat})
 * @param initialReasonSteps the correct steps s1..s(k-1), starting with the response prefix; "" when absent
 * @param chosen             s_win (Step-DPO)
 * @param rejected           s_lose (Step-DPO)
 * @param fullChosen         whole winning answer (DPO), or null
 * @param fullRejected       whole losing answer (DPO), or null
 * @param extra              every other field of the record, kept as read (answer, dataset, step_index, ...)
 */
public record PreferencePair(int line, String prompt, String initialReasonSteps, String chosen, String rejected,
                             String fullChosen, String fullRejected, Map<String, JsonNode> extra) {

    public PreferencePair {
        extra = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }
}
