package org.stepdpo.engine.training.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.stepdpo.engine.tokenizer.TextTokenizer;
import org.stepdpo.engine.training.Objective;

/**
 * Renders records into prefix / continuation text and token ids.
 *
 * <ul>
 *   <li>Step-DPO: prefix = format(prompt) + initial_reason_steps (which starts with the response prefix);
 *       continuations = chosen / rejected, the single steps s_win / s_lose.</li>
 *   <li>DPO: prefix = format(prompt) + response prefix; continuations = full_chosen / full_rejected without
 *       the response prefix when they start with it.</li>
 *   <li>SFT: as DPO with the completion.</li>
 * </ul>
 * Prefixes are tokenized with the tokenizer's special tokens (BOS), continuations without, as the engine's
 * scoring does. {@code appendEos} ends each continuation with the end-of-sequence token: right for whole
 * answers, wrong for a single step, after which the answer goes on.
 */
public final class ExampleEncoder {

    private final TextTokenizer tokenizer;
    private final PromptFormat format;
    private final Truncation truncation;
    private final boolean appendEos;
    private final int eosId;
    private Truncation.Stats stats = new Truncation.Stats(0, 0, 0);

    public ExampleEncoder(TextTokenizer tokenizer, PromptFormat format, Truncation truncation, boolean appendEos,
                          int eosId) {
        if (appendEos && eosId < 0) {
            throw new IllegalArgumentException("appending EOS needs the model's eos_token_id");
        }
        this.tokenizer = tokenizer;
        this.format = format;
        this.truncation = truncation;
        this.appendEos = appendEos;
        this.eosId = eosId;
    }

    /** Whether whole answers (DPO, SFT) end with EOS by default: yes; single steps (Step-DPO): no. */
    public static boolean defaultAppendEos(Objective objective) {
        return objective != Objective.STEP_DPO;
    }

    public Truncation.Stats stats() {
        return stats;
    }

    public List<TokenizedExample> encodePairs(List<PreferencePair> pairs, Objective objective) {
        List<TokenizedExample> out = new ArrayList<>(pairs.size());
        for (PreferencePair p : pairs) {
            String prefix;
            String win;
            String lose;
            if (objective == Objective.STEP_DPO) {
                prefix = format.render(p.prompt()) + p.initialReasonSteps();
                win = p.chosen();
                lose = p.rejected();
            } else {
                prefix = format.render(p.prompt()) + format.responsePrefix();
                win = format.answerBody(p.fullChosen());
                lose = format.answerBody(p.fullRejected());
            }
            out.add(encode(out.size(), p.line(), prefix, win, lose));
        }
        return out;
    }

    public List<TokenizedExample> encodeSft(List<SftExample> examples) {
        List<TokenizedExample> out = new ArrayList<>(examples.size());
        for (SftExample e : examples) {
            out.add(encode(out.size(), e.line(), format.render(e.prompt()) + format.responsePrefix(),
                    format.answerBody(e.completion()), null));
        }
        return out;
    }

    private TokenizedExample encode(int index, int line, String prefix, String win, String lose) {
        int[] p = tokenizer.encode(prefix, true);
        int[] w = continuation(win);
        int[] l = lose == null ? null : continuation(lose);
        if (p.length == 0 || w.length == 0 || (l != null && l.length == 0)) {
            throw new IllegalArgumentException("line " + line + ": prompt and answers need at least one token each");
        }
        Truncation.Result cut = l == null ? truncation.apply(p, w) : truncation.apply(p, w, l);
        stats = stats.plus(cut.promptCut(), cut.responsesCut());
        return new TokenizedExample(index, line, cut.prefix(), cut.responses()[0], l == null ? null : cut.responses()[1]);
    }

    private int[] continuation(String text) {
        int[] ids = tokenizer.encode(text, false);
        if (!appendEos) {
            return ids;
        }
        int[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = eosId;
        return withEos;
    }
}
