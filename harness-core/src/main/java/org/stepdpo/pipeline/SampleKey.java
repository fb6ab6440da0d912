package org.stepdpo.pipeline;

/** One sampled answer in a run: its problem and the answer's index among that problem's samples. */
record SampleKey(String problemId, int sampleIndex) {
}
