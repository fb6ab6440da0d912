package org.stepdpo.data;

/**
 * The verdict on one completion.
 *
 * @param extracted the final answer found in the completion, or null when none was found
 * @param correct   whether it is equivalent to the reference answer
 * @param reason    a short, human-readable explanation of how the verdict was reached
 *                  (e.g. "numeric: 0.5 = 1/2", "no answer found", "timeout")
 */
public record Grade(String extracted, boolean correct, String reason) {
}
