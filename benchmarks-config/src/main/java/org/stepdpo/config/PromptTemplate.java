package org.stepdpo.config;

/**
 * How a problem becomes the text a model continues.
 *
 * @param name           registry name, e.g. {@code qwen2-boxed-step}
 * @param description    one line for listings
 * @param prompt         text before the answer, with a {@code {question}} placeholder
 * @param responsePrefix start of the answer that we write and the model continues
 */
public record PromptTemplate(String name, String description, String prompt, String responsePrefix) {

    public static final String QUESTION = "{question}";

    public PromptTemplate {
        if (prompt == null || !prompt.contains(QUESTION)) {
            throw new IllegalArgumentException("template " + name + ": prompt must contain " + QUESTION);
        }
        responsePrefix = responsePrefix == null ? "" : responsePrefix;
        description = description == null ? "" : description;
    }

    /** The prompt for a question, without the response prefix. */
    public String prompt(String question) {
        return prompt.replace(QUESTION, question);
    }

    /** What generation starts from: the prompt followed by the response prefix. */
    public String generationPrompt(String question) {
        return prompt(question) + responsePrefix;
    }
}
