package org.stepdpo.reports.comparison;

/**
 * McNemar's test for paired binary outcomes, exact (binomial) form: of the n = b + c discordant problems, b were
 * right only in run A and c only in run B; under H0 (no difference) b ~ Binomial(n, 1/2).
 * <ul>
 * <li>exact two-sided p = min(1, 2·P(X &lt;= min(b, c)))</li>
 * <li>mid-p = 2·(P(X &lt;= min(b, c)) − P(X = min(b, c)) / 2), less conservative (Fagerland, Lydersen and Laake,
 * "The McNemar test for binary matched-pairs data: mid-p and asymptotic are better than exact conditional", BMC
 * Medical Research Methodology 13:91, 2013, recommend it)</li>
 * </ul>
 * With no discordant problems both are 1.
 */
public record McNemar(int onlyA, int onlyB, double exactP, double midP) {

    public static McNemar of(int onlyA, int onlyB) {
        if (onlyA < 0 || onlyB < 0) {
            throw new IllegalArgumentException("discordant counts must not be negative; got " + onlyA + ", " + onlyB);
        }
        int n = onlyA + onlyB;
        int m = Math.min(onlyA, onlyB);
        // log P(X = i) for X ~ Binomial(n, 1/2), built up term by term to stay exact enough for large n.
        double logPmf = -n * Math.log(2);
        double cumulative = 0;
        double atM = 0;
        for (int i = 0; i <= m; i++) {
            double p = Math.exp(logPmf);
            cumulative += p;
            atM = p;
            logPmf += Math.log(n - i) - Math.log(i + 1.0);
        }
        double exact = Math.min(1, 2 * cumulative);
        double mid = Math.min(1, 2 * (cumulative - atM / 2));
        return new McNemar(onlyA, onlyB, exact, mid);
    }

    public int discordant() {
        return onlyA + onlyB;
    }
}
