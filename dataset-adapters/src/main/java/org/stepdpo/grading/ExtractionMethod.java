package org.stepdpo.grading;

/** Which marker a final answer was found by; shown in grading reasons and reports. */
public enum ExtractionMethod {
    /** content of the last {@code \boxed{...}} or {@code \fbox{...}} */
    BOXED("boxed"),
    /** "The answer is: X", "The final answer is X" */
    ANSWER_IS("answer-is"),
    /** GSM8K reference format {@code #### N} */
    HASHES("####"),
    /** the last math formula in the text, when no marker is present and the options allow it */
    LAST_FORMULA("last-formula"),
    /** the last number in the text, when no marker is present and the options allow it */
    LAST_NUMBER("last-number");

    private final String label;

    ExtractionMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
