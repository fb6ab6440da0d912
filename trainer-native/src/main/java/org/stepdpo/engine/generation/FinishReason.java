package org.stepdpo.engine.generation;

/** Why a sequence stopped. */
public enum FinishReason {
    /** An end-of-sequence token was produced (it is not part of the output). */
    EOS,
    /** A stop string appeared (the text is cut before it). */
    STOP,
    /** max_new_tokens was reached. */
    LENGTH
}
