package org.stepdpo.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stepdpo.config.Suite;
import org.stepdpo.data.Problem;
import org.stepdpo.pipeline.DatasetSelection;

/**
 * The problems the demo validates on while training (our addition beyond the paper): train-split problems that
 * neither SFT nor the data loop used, and never test problems.
 *
 * <p>Exactly which: the {@code arith} train split generated with the suite's train options and the demo seed but
 * {@code n} = (the problems SFT used) + {@code count}, of which the last {@code count}. The generator gives the same
 * first problems for any {@code n} and never repeats one, so these follow the SFT problems (the data loop samples
 * from the first {@code sampling.problems} of those); the split of a problem is a hash of its content, so none is
 * a test problem. Data-file suites have no train problems left over from SFT, and are refused.
 */
final class ValidationProblems {

    private ValidationProblems() {
    }

    static List<Problem> draw(Suite suite, long seed, int count, String setting) {
        DatasetSelection train = DemoData.train(suite, seed);
        if (!"arith".equals(train.adapter())) {
            throw new IllegalArgumentException("suite " + suite.name() + ": " + setting + " needs train problems that "
                    + "SFT did not use, which only the built-in arith generator makes; adapter " + train.adapter()
                    + " reads " + train.source() + ", all of which SFT trains on");
        }
        List<Problem> sft = DemoData.load(train);
        Map<String, String> options = new LinkedHashMap<>(train.options());
        options.put("n", Integer.toString(sft.size() + count));
        List<Problem> extended = DemoData.load(new DatasetSelection(train.adapter(), train.source(), options));
        for (int i = 0; i < sft.size(); i++) {
            if (!extended.get(i).id().equals(sft.get(i).id())) {
                throw new IllegalStateException("arith train split with n=" + extended.size() + " differs from the "
                        + sft.size() + " problems SFT used at index " + i + " (" + extended.get(i).id() + " vs "
                        + sft.get(i).id() + "): validation problems would not be held out");
            }
        }
        return List.copyOf(extended.subList(sft.size(), extended.size()));
    }
}
