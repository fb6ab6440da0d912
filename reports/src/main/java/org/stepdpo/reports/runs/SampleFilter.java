package org.stepdpo.reports.runs;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which of a run's samples a listing shows. */
public enum SampleFilter {
    ALL("all", ""),
    CORRECT("correct", " and s.correct = true"),
    WRONG("wrong", " and s.correct = false"),
    /** Samples in which the judge found a first wrong step. */
    FIRST_ERROR("first-error", " and s.firstErrorStep is not null");

    private final String parameter;
    final String hqlCondition;

    SampleFilter(String parameter, String hqlCondition) {
        this.parameter = parameter;
        this.hqlCondition = hqlCondition;
    }

    /** The name in URLs and on the command line: all, correct, wrong, first-error. */
    public String parameter() {
        return parameter;
    }

    public static SampleFilter parse(String name) {
        String n = name == null ? "" : name.trim();
        for (SampleFilter f : values()) {
            if (f.parameter.equalsIgnoreCase(n) || f.name().equalsIgnoreCase(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown sample filter '" + name + "'; expected one of "
                + Arrays.stream(values()).map(SampleFilter::parameter).collect(Collectors.joining(", ")));
    }
}
