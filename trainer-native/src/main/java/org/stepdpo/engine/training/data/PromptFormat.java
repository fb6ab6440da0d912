package org.stepdpo.engine.training.data;

/**
 * The prompt template as plain text (the template registry lives outside this module; the caller
 * resolves a template name to this).
 *
 * @param prompt         text before the answer with a {@code {question}} placeholder
 * @param responsePrefix start of the answer written by us (e.g. "Let's think step by step.\nStep 1:")
 */
public record PromptFormat(String prompt, String responsePrefix) {

    public static final String QUESTION = "{question}";

    /** The problem text as is, no response prefix: for data whose prompts are already rendered. */
    public static final PromptFormat RAW = new PromptFormat(QUESTION, "");

    public PromptFormat {
        if (prompt == null || !prompt.contains(QUESTION)) {
            throw new IllegalArgumentException("prompt format must contain " + QUESTION + ", got: " + prompt);
        }
        responsePrefix = responsePrefix == null ? "" : responsePrefix;
    }

    public String render(String question) {
        return prompt.replace(QUESTION, question);
    }

    /**
     * A whole answer without the response prefix when it starts with it (the prefix then belongs to the
     * prompt and is never scored); trailing whitespace of the prefix may differ.
     */
    public String answerBody(String answer) {
        if (responsePrefix.isEmpty()) {
            return answer;
        }
        if (answer.startsWith(responsePrefix)) {
            return answer.substring(responsePrefix.length());
        }
        String bare = responsePrefix.stripTrailing();
        return !bare.isEmpty() && answer.startsWith(bare) ? answer.substring(bare.length()) : answer;
    }
}
