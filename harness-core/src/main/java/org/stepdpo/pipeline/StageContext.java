package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;

/** What every stage of a data iteration needs: its settings, the adapter that grades, the problems, the folder. */
record StageContext(PipelineConfig config, DatasetAdapter adapter, List<Problem> problems, Path dir) {
    Map<String, Problem> byId() {
        Map<String, Problem> map = new HashMap<>();
        problems.forEach(p -> map.put(p.id(), p));
        return map;
    }

    PromptTemplate template() {
        return config.template();
    }

    Grade grade(Problem problem, String response) {
        return adapter.grade(problem, response);
    }
}
