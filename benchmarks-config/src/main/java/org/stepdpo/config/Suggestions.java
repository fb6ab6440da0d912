package org.stepdpo.config;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean": the known name nearest to a misspelled one, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name nearest to {@code name} when it is close enough to be a typo (edit distance at most a third of
     * the longer name, and at most 3; {@code -} and {@code _} count as the same), or null.
     */
    public static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(normal(name), normal(k));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        int limit = Math.min(3, Math.max(1, Math.max(name.length(), best == null ? 0 : best.length()) / 3));
        return best != null && bestDistance <= limit ? best : null;
    }

    /** " (did you mean \"x\"?)" or "". */
    public static String didYouMean(String name, Collection<String> known) {
        String n = nearest(name, known);
        return n == null ? "" : " (did you mean \"" + n + "\"?)";
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace('-', '_');
    }

    /** Edit distance counting an insertion, deletion, substitution or swap of neighbours as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
