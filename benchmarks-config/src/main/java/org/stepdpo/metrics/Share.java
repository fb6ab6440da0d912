package org.stepdpo.metrics;

/**
 * A proportion {@code count / of}, as every share-valued metric returns it: the counts travel with the value, so
 * that a report can show "3/12" and a test or an interval needs no second computation.
 *
 * @param count the numerator, 0 &lt;= count &lt;= of
 * @param of    the denominator
 */
public record Share(int count, int of) {

    public Share {
        if (count < 0 || count > of) {
            throw new IllegalArgumentException("a share needs 0 <= count <= of; got " + count + "/" + of);
        }
    }

    /** count / of, or null when {@code of} is 0: nothing to take a share of is undefined, not 0. */
    public Double value() {
        return of == 0 ? null : (double) count / of;
    }

    /** The 95% Wilson interval of the share; [0, 1] when {@code of} is 0. */
    public WilsonInterval wilson95() {
        return WilsonInterval.of95(count, of);
    }
}
