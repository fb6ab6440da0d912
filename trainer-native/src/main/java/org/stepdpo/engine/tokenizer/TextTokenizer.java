package org.stepdpo.engine.tokenizer;

/** Text ⇄ token ids for one model. */
public interface TextTokenizer extends AutoCloseable {

    /** Token ids of {@code text}; with special tokens as the tokenizer's post-processor adds them (e.g. BOS). */
    int[] encode(String text, boolean addSpecialTokens);

    /** Text of {@code ids}, special tokens skipped. */
    String decode(int[] ids);

    /** Id of a token string, or -1 when the vocabulary lacks it. */
    int tokenId(String token);

    @Override
    void close();
}
