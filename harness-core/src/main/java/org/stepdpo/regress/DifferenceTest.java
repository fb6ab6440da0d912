package org.stepdpo.regress;

/**
 * A test of "now differs from the baseline" for one metric, with the confidence interval of the difference
 * now − baseline.
 *
 * @param name   the test, as reported (e.g. "McNemar exact")
 * @param pValue two-sided p-value
 * @param low    low end of the interval of now − baseline
 * @param high   high end
 */
record DifferenceTest(String name, double pValue, double low, double high) {
}
