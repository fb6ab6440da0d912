package org.stepdpo.config.suite;

import static org.stepdpo.config.suite.Range.POSITIVE;

/**
 * The tokenizer of a model the project creates itself ({@code model.tokenizer:}).
 *
 * @param bpeVocabSize byte-level BPE vocabulary trained on the SFT texts (default 384)
 */
public record TokenizerSection(@Bound(POSITIVE) int bpeVocabSize) {

    public static final TokenizerSection DEFAULTS = new TokenizerSection(384);
}
