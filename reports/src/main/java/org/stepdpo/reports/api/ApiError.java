package org.stepdpo.reports.api;

/** The body of every API error response. */
public record ApiError(int status, String error) {
}
