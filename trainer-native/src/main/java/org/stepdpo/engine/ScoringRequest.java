package org.stepdpo.engine;

/**
 * Text whose continuation is scored: log π(continuation | prefix). The two are tokenized separately and
 * concatenated, as TRL does for prompt and response.
 */
public record ScoringRequest(String prefix, String continuation) {
}
