package org.stepdpo.reports.api;

/** A query or path parameter that cannot be used: the API answers 400 with this message. */
public class BadParameterException extends IllegalArgumentException {

    public BadParameterException(String message) {
        super(message);
    }
}
