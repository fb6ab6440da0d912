package org.stepdpo.reports.dashboard;

/** A model evaluated completely on every benchmark of the board, ranked by its mean accuracy over them. */
public record MeanRow(int rank, String model, double mean) {
}
