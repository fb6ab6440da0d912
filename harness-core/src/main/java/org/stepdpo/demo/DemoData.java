package org.stepdpo.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.stepdpo.config.Suite;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.DatasetAdapters;
import org.stepdpo.data.LoadOptions;
import org.stepdpo.data.Problem;
import org.stepdpo.pipeline.DatasetSelection;

/**
 * The demo's problems: the suite's train and test splits. For the built-in generator ({@code arith}) the demo
 * seed is the generator seed, so that {@code --seed} draws other problems; data files are used as they are.
 */
final class DemoData {

    private DemoData() {
    }

    static DatasetSelection train(Suite suite, long seed) {
        return selection(suite.dataset().adapter(), suite.dataset().train(), suite.dataset().trainOptions(), seed);
    }

    static DatasetSelection test(Suite suite, long seed) {
        return selection(suite.dataset().evaluationAdapter(), suite.dataset().test(), suite.dataset().testOptions(), seed);
    }

    static List<Problem> load(DatasetSelection selection) {
        DatasetAdapter adapter = DatasetAdapters.byName(selection.adapter());
        return adapter.load(Path.of(selection.source()), new LoadOptions(false, selection.options())).problems();
    }

    private static DatasetSelection selection(String adapter, String source, Map<String, String> options, long seed) {
        Map<String, String> o = new TreeMap<>(options == null ? Map.of() : options);
        if ("arith".equals(adapter)) {
            o.put("seed", Long.toString(seed));
        }
        return new DatasetSelection(adapter, source, o);
    }
}
