package org.stepdpo.grading;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Decides whether two final answers are mathematically the same, the way the math-evaluation
 * community's graders do (Hendrycks' MATH normalizer, PRM800K, Qwen2.5-Math's {@code math_equal}):
 * normalization of presentation, then numbers (exact, or 1e-4 relative when a side is a rounded decimal; a
 * percent sign optional), multiple-choice letters, structures (tuples and intervals in order, sets and lists
 * of solutions in any order, matrices cell by cell), equations, and finally expressions.
 *
 * <p><b>Exact values compare exactly.</b> Integers, fractions, mixed numbers, radicals, multiples of pi and
 * expressions built only from them are exact: {@code 9999\frac{6}{7}} is not 10,000, and
 * {@code \frac{33333}{100000}} is not 1/3, even though both are within 1e-4. The 1e-4 relative tolerance is
 * for a rounded decimal written on either side ({@code 3.1416} vs {@code \pi}, {@code 0.3333} vs 1/3). This
 * is math_verify's rule (a tolerance only when a float is involved); Qwen2.5-Math's {@code math_equal}
 * applies 1e-4 to every pair and so accepts both examples above. Random-point identity testing of
 * expressions with variables keeps its own tolerance (1e-6), which is about the rounding of the evaluation,
 * not of the answer.
 *
 * <p><b>Why no computer-algebra system.</b> Symja (or sympy behind the Python graders) proves
 * equivalence symbolically, but it costs seconds to start, tens of megabytes of dependencies, and its
 * simplifier has no reliable time bound on adversarial input. Final answers are small closed-form
 * expressions, for which evaluating both sides at a few random points (Schwartz–Zippel style identity
 * testing) is decisive in practice, takes microseconds, and is trivially bounded. The cheap paths
 * (string and plain-number comparison) come first, so most samples never reach the parser.
 *
 * <p>Every comparison runs under a {@link Deadline}; running past it gives a "timeout" verdict.
 */
public final class AnswerComparator {

    /**
     * The outcome of a comparison.
     *
     * @param equivalent whether the answers are the same
     * @param reason     a short explanation, e.g. "numeric 0.5 == 1/2"
     */
    public record Verdict(boolean equivalent, String reason) {
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(2_000);
    /**
     * How close a rounded decimal must be to the other side: answers are commonly rounded to four or five
     * significant digits ({@code 3.1416}, {@code 0.3333}). Applies only when a side is one.
     */
    static final double NUMERIC_RELATIVE_TOLERANCE = 1e-4;
    /**
     * How close two exact values must be after evaluation in doubles, which is how fractions, radicals and pi
     * are evaluated here. It only absorbs the rounding of that evaluation: about 1e-16 per operation, so up to
     * six digits lost to cancellation ({@code \sqrt{1000001}-1000} vs {@code 1/(\sqrt{1000001}+1000)} differ
     * by 9e-11 relative). Distinct exact answers are much further apart: two fractions with denominators and
     * magnitude up to 1,000 differ by at least 1e-9 relative, and so do two integers below 1e9.
     * Plain integers of any size never reach it; they compare as decimals, exactly.
     */
    static final double EXACT_RELATIVE_TOLERANCE = 1e-10;
    private static final double IDENTITY_TOLERANCE = 1e-6;
    private static final int IDENTITY_POINTS = 8;
    private static final int MAX_ELEMENTS = 200;
    private static final int MAX_REASON_ANSWER = 60;

    private final Duration timeout;

    public AnswerComparator() {
        this(DEFAULT_TIMEOUT);
    }

    public AnswerComparator(Duration timeout) {
        this.timeout = timeout;
    }

    /** Compares a predicted answer with the reference answer; never throws, never runs past the timeout by much. */
    public Verdict compare(String predicted, String reference) {
        if (predicted == null || reference == null) {
            return new Verdict(false, predicted == null ? "no answer to compare" : "no reference answer");
        }
        Deadline deadline = Deadline.after(timeout);
        try {
            return compare(predicted, reference, deadline);
        } catch (GradingTimeoutException e) {
            return new Verdict(false, "timeout after " + e.budgetMillis() + " ms");
        } catch (StackOverflowError e) {
            return new Verdict(false, "different: answer nested too deeply to compare");
        }
    }

    Verdict compare(String predicted, String reference, Deadline deadline) {
        AnswerNormalizer.Normalized p = AnswerNormalizer.normalize(predicted, deadline);
        AnswerNormalizer.Normalized r = AnswerNormalizer.normalize(reference, deadline);
        if (p.text().isEmpty() || r.text().isEmpty()) {
            return new Verdict(false, "empty answer after normalization");
        }
        if (p.text().equals(r.text())) {
            return new Verdict(true, "identical after normalization");
        }
        Character refChoice = choiceLetter(r.text(), false);
        if (refChoice != null) {
            Character predChoice = choiceLetter(p.text(), true);
            if (predChoice != null) {
                boolean same = predChoice.equals(refChoice);
                return new Verdict(same, "choice " + predChoice + (same ? " == " : " != ") + refChoice);
            }
        }
        Comparison c = new Comparison(p.percent(), r.percent(), deadline);
        return c.values(p.text(), r.text());
    }

    /** "B", "(B)" (and, for predictions, "(B) 12", "B) 12"): a multiple-choice letter A–E. */
    static Character choiceLetter(String s, boolean allowTrailing) {
        if (s.length() == 1 && s.charAt(0) >= 'A' && s.charAt(0) <= 'E') {
            return s.charAt(0);
        }
        if (s.length() >= 3 && s.charAt(0) == '(' && s.charAt(2) == ')' && s.charAt(1) >= 'A' && s.charAt(1) <= 'E'
                && (s.length() == 3 || allowTrailing)) {
            return s.charAt(1);
        }
        // "B) 12": a letter closed by a parenthesis, as option lists are often written
        if (allowTrailing && s.length() >= 2 && s.charAt(1) == ')' && s.charAt(0) >= 'A' && s.charAt(0) <= 'E') {
            return s.charAt(0);
        }
        return null;
    }

    /** One comparison's state: the percent flags of the two sides and the deadline. */
    private static final class Comparison {
        private final boolean predictedPercent;
        private final boolean referencePercent;
        private final Deadline deadline;

        Comparison(boolean predictedPercent, boolean referencePercent, Deadline deadline) {
            this.predictedPercent = predictedPercent;
            this.referencePercent = referencePercent;
            this.deadline = deadline;
        }

        Verdict values(String p, String r) {
            deadline.check();
            if (p.equals(r)) {
                return new Verdict(true, "identical after normalization");
            }
            Verdict relation = relations(p, r);
            if (relation != null) {
                return relation;
            }
            Structure sp = Structure.of(p);
            Structure sr = Structure.of(r);
            if (sp.kind == Kind.MATRIX || sr.kind == Kind.MATRIX) {
                return matrices(sp, sr, p, r);
            }
            if (sp.kind == Kind.SCALAR && sr.kind == Kind.SCALAR) {
                return scalars(p, r);
            }
            if (sp.kind == Kind.SCALAR || sr.kind == Kind.SCALAR) {
                Structure collection = sp.kind == Kind.SCALAR ? sr : sp;
                if (collection.kind == Kind.SET && collection.elements.size() == 1) {
                    Verdict v = sp.kind == Kind.SCALAR ? values(p, collection.elements.get(0))
                            : values(collection.elements.get(0), r);
                    return new Verdict(v.equivalent(), "one-element set: " + v.reason());
                }
                return new Verdict(false, "different: " + describe(sp) + " vs " + describe(sr));
            }
            if (sp.elements.size() > MAX_ELEMENTS || sr.elements.size() > MAX_ELEMENTS) {
                return new Verdict(false, "different: too many elements to compare");
            }
            if (sp.elements.size() != sr.elements.size()) {
                return new Verdict(false, "different sizes: " + sp.elements.size() + " vs " + sr.elements.size()
                        + " elements");
            }
            if (sp.kind == Kind.TUPLE && sr.kind == Kind.TUPLE) {
                if (sp.open != sr.open || sp.close != sr.close) {
                    return new Verdict(false, "different brackets: " + sp.open + ".." + sp.close + " vs "
                            + sr.open + ".." + sr.close);
                }
                return ordered(sp, sr, "tuples equal in order");
            }
            if (sp.kind == Kind.TUPLE || sr.kind == Kind.TUPLE) {
                Structure tuple = sp.kind == Kind.TUPLE ? sp : sr;
                Structure other = sp.kind == Kind.TUPLE ? sr : sp;
                if (other.kind == Kind.LIST && tuple.open == '(' && tuple.close == ')') {
                    return ordered(sp, sr, "tuple equals bare list in order");
                }
                return new Verdict(false, "different: " + describe(sp) + " vs " + describe(sr));
            }
            return unordered(sp, sr);
        }

        /**
         * A reference inequality ("x>3", "-5 \le x \le 5") against a predicted interval, or two inequalities:
         * compared as intervals (see {@link SolutionInterval} for which directions count); null when neither applies.
         */
        private Verdict relations(String p, String r) {
            String referenceInterval = SolutionInterval.of(r);
            if (referenceInterval == null) {
                return null;
            }
            String predictedInterval = SolutionInterval.of(p);
            if (predictedInterval != null) {
                Verdict v = values(predictedInterval, referenceInterval);
                return new Verdict(v.equivalent(), "inequalities as intervals: " + v.reason());
            }
            Kind predicted = Structure.of(p).kind;
            if (predicted == Kind.TUPLE || predicted == Kind.UNION) {
                Verdict v = values(p, referenceInterval);
                return new Verdict(v.equivalent(), "reference inequality as the interval " + shorten(referenceInterval)
                        + ": " + v.reason());
            }
            return null;
        }

        private Verdict ordered(Structure sp, Structure sr, String success) {
            for (int k = 0; k < sp.elements.size(); k++) {
                Verdict v = values(sp.elements.get(k), sr.elements.get(k));
                if (!v.equivalent()) {
                    return new Verdict(false, "element " + (k + 1) + " differs: " + v.reason());
                }
            }
            return new Verdict(true, success);
        }

        private Verdict unordered(Structure sp, Structure sr) {
            List<String> remaining = new ArrayList<>(sr.elements);
            for (String element : sp.elements) {
                int match = -1;
                for (int k = 0; k < remaining.size() && match < 0; k++) {
                    if (values(element, remaining.get(k)).equivalent()) {
                        match = k;
                    }
                }
                if (match < 0) {
                    return new Verdict(false, "element " + shorten(element) + " has no equal in the reference");
                }
                remaining.remove(match);
            }
            String what = sp.kind == Kind.UNION ? "unions equal ignoring order" : "sets equal ignoring order";
            return new Verdict(true, what);
        }

        private Verdict matrices(Structure sp, Structure sr, String p, String r) {
            if (sp.kind != sr.kind) {
                return new Verdict(false, "different: " + describe(sp) + " vs " + describe(sr));
            }
            if (sp.rows != sr.rows || sp.elements.size() != sr.elements.size()) {
                return new Verdict(false, "different matrix shapes");
            }
            Verdict v = ordered(sp, sr, "matrices equal cell by cell");
            return v.equivalent() ? v : new Verdict(false, "matrix " + v.reason());
        }

        Verdict scalars(String p, String r) {
            int pe = equalsSign(p);
            int re = equalsSign(r);
            if (pe >= 0 && re < 0) {
                String value = p.substring(p.lastIndexOf('=') + 1);
                Verdict v = scalars(value, r);
                return new Verdict(v.equivalent(), "right-hand side of " + shorten(p) + ": " + v.reason());
            }
            if (re >= 0 && pe < 0) {
                String lhs = r.substring(0, re);
                if (isSimpleName(lhs)) {
                    Verdict v = scalars(p, r.substring(re + 1));
                    return new Verdict(v.equivalent(), "reference " + shorten(r) + " as its value: " + v.reason());
                }
                return new Verdict(false, "different: reference is an equation, prediction is not");
            }
            if (pe >= 0) {
                return equations(p, pe, r, re);
            }
            Verdict base = baseSubscript(p, r);
            if (base != null) {
                return base;
            }
            BigDecimal a = plainNumber(p);
            BigDecimal b = plainNumber(r);
            if (a != null && b != null) {
                return numbers(a, b, p, r);
            }
            if (p.equalsIgnoreCase(r)) {
                return new Verdict(true, "identical ignoring case");
            }
            if (hasLongWord(p) || hasLongWord(r)) {
                return new Verdict(false, "different text: " + shorten(p) + " vs " + shorten(r));
            }
            ExpressionParser.Variables vars = new ExpressionParser.Variables();
            Expression ep;
            Expression er;
            try {
                ep = ExpressionParser.parse(p, vars, deadline);
                er = ExpressionParser.parse(r, vars, deadline);
            } catch (ExpressionParser.ParseFailure e) {
                return new Verdict(false, "different: " + shorten(p) + " vs " + shorten(r) + " (not comparable as expressions: "
                        + e.getMessage() + ")");
            }
            if (vars.size() == 0) {
                double x = ep.eval(new double[0]);
                double y = er.eval(new double[0]);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    return new Verdict(false, "different: " + shorten(p) + " vs " + shorten(r) + " (value not finite)");
                }
                return numbers(x, y, p, r);
            }
            Verdict v = identity(ep, er, vars.size(), p, r);
            if (!v.equivalent() && vars.only("i")) {
                // i is the only unknown, so it is the imaginary unit: i^2 = -1 decides "i^2" vs "-1"
                String pr = ImaginaryUnit.reducePowers(p);
                String rr = ImaginaryUnit.reducePowers(r);
                if (!pr.equals(p) || !rr.equals(r)) {
                    Verdict reduced = scalars(pr, rr);
                    return new Verdict(reduced.equivalent(), "powers of i reduced: " + reduced.reason());
                }
            }
            return v;
        }

        /**
         * "1011_2" vs "1011": the subscript names the base the digits are written in (MATH writes answers so),
         * and the same digits without it are the same answer. Null when neither side is a base-subscripted
         * numeral against a bare numeral.
         */
        private Verdict baseSubscript(String p, String r) {
            int pb = numeralBase(p);
            int rb = numeralBase(r);
            if ((pb > 0) == (rb > 0)) {
                return null;
            }
            String subscripted = pb > 0 ? p : r;
            String bare = pb > 0 ? r : p;
            int base = Math.max(pb, rb);
            String digits = subscripted.substring(0, subscripted.indexOf('_'));
            if (!isNumeral(bare, base)) {
                return null;
            }
            boolean same = digits.equalsIgnoreCase(bare);
            return new Verdict(same, "base-" + base + " numeral " + shorten(subscripted) + (same ? " == " : " != ")
                    + shorten(bare));
        }

        private Verdict equations(String p, int pe, String r, int re) {
            String pl = p.substring(0, pe);
            String pr = p.substring(pe + 1);
            String rl = r.substring(0, re);
            String rr = r.substring(re + 1);
            if (equalsSign(pr) < 0 && equalsSign(rr) < 0) {
                if (scalars(pl, rl).equivalent() && scalars(pr, rr).equivalent()) {
                    return new Verdict(true, "equations equal side by side");
                }
                if (scalars(pl, rr).equivalent() && scalars(pr, rl).equivalent()) {
                    return new Verdict(true, "equations equal with sides swapped");
                }
            }
            ExpressionParser.Variables vars = new ExpressionParser.Variables();
            try {
                Expression a = ExpressionParser.parse(pl, vars, deadline);
                Expression b = ExpressionParser.parse(pr, vars, deadline);
                Expression c = ExpressionParser.parse(rl, vars, deadline);
                Expression d = ExpressionParser.parse(rr, vars, deadline);
                return proportional(v -> a.eval(v) - b.eval(v), v -> c.eval(v) - d.eval(v), vars.size(), p, r);
            } catch (ExpressionParser.ParseFailure e) {
                return new Verdict(false, "different equations: " + shorten(p) + " vs " + shorten(r));
            }
        }

        /**
         * Two plain numbers ("10000", "10000.0", "1e3") compare as decimals, exactly, so integers of any size
         * stay apart; only a rounded decimal or a percent sign sends them on to the tolerant comparison.
         */
        private Verdict numbers(BigDecimal a, BigDecimal b, String p, String r) {
            String rounded = roundedDecimal(p, r);
            if (a.compareTo(b) == 0) {
                return new Verdict(true, (rounded == null ? "exact " : "numeric ") + shorten(p) + " == " + shorten(r));
            }
            if (rounded == null && !predictedPercent && !referencePercent) {
                return new Verdict(false, "exact " + shorten(p) + " != " + shorten(r));
            }
            return numbers(a.doubleValue(), b.doubleValue(), p, r);
        }

        /**
         * Two values: within {@link #NUMERIC_RELATIVE_TOLERANCE} when a side is a rounded decimal, else within
         * {@link #EXACT_RELATIVE_TOLERANCE} (exact); a side with a percent sign may also be read divided by 100.
         */
        private Verdict numbers(double x, double y, String p, String r) {
            String rounded = roundedDecimal(p, r);
            double tolerance = rounded == null ? EXACT_RELATIVE_TOLERANCE : NUMERIC_RELATIVE_TOLERANCE;
            double[] xs = predictedPercent ? new double[] {x, x / 100} : new double[] {x};
            double[] ys = referencePercent ? new double[] {y, y / 100} : new double[] {y};
            for (double a : xs) {
                for (double b : ys) {
                    if (close(a, b, tolerance)) {
                        String pct = a != x || b != y ? " (as a percentage)" : "";
                        return new Verdict(true, equalReason(a, b, p, r, rounded) + pct);
                    }
                }
            }
            if (rounded == null) {
                return new Verdict(false, "exact " + shorten(p) + " != " + shorten(r) + " (" + value(x) + " vs "
                        + value(y) + ")");
            }
            return new Verdict(false, "numeric " + shorten(p) + " != " + shorten(r) + " (not within 1e-4 relative: "
                    + shorten(rounded) + " is a rounded decimal)");
        }

        /** "exact 2\sqrt{2} == \sqrt{8}", "numeric 0.5 == \frac{1}{2}", "numeric 3.1416 ~ \pi (within 1e-4 ...)". */
        private static String equalReason(double a, double b, String p, String r, String rounded) {
            if (rounded == null) {
                return "exact " + shorten(p) + " == " + shorten(r);
            }
            if (a == b) {
                return "numeric " + shorten(p) + " == " + shorten(r);
            }
            return "numeric " + shorten(p) + " ~ " + shorten(r) + " (within 1e-4 relative: " + shorten(rounded)
                    + " is a rounded decimal)";
        }

        /** Random-point identity test: equal (within 1e-6 relative) wherever both sides are defined. */
        private Verdict identity(Expression ep, Expression er, int variables, String p, String r) {
            SplittableRandom random = new SplittableRandom(0x5EED);
            double[] point = new double[variables];
            int defined = 0;
            for (int trial = 0; trial < IDENTITY_POINTS * 3 && defined < IDENTITY_POINTS; trial++) {
                deadline.check();
                double low = trial < IDENTITY_POINTS ? 0.3 : -3.0;
                for (int k = 0; k < variables; k++) {
                    point[k] = low + random.nextDouble() * 3.0;
                }
                double x = ep.eval(point);
                double y = er.eval(point);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                if (!close(x, y, IDENTITY_TOLERANCE) && Math.abs(x - y) > 1e-9) {
                    return new Verdict(false, "symbolic: " + shorten(p) + " != " + shorten(r)
                            + String.format(Locale.ROOT, " (%.6g vs %.6g at a random point)", x, y));
                }
                defined++;
            }
            if (defined < 3) {
                return new Verdict(false, "different: could not evaluate " + shorten(p) + " and " + shorten(r));
            }
            return new Verdict(true, "symbolic: " + shorten(p) + " == " + shorten(r) + " at " + defined
                    + " random points");
        }

        /** Two equations are the same when their (left - right) sides are proportional. */
        private Verdict proportional(Expression dp, Expression dr, int variables, String p, String r) {
            SplittableRandom random = new SplittableRandom(0x5EED);
            double[] point = new double[variables];
            double ratio = Double.NaN;
            int defined = 0;
            for (int trial = 0; trial < IDENTITY_POINTS * 3 && defined < IDENTITY_POINTS; trial++) {
                deadline.check();
                for (int k = 0; k < variables; k++) {
                    point[k] = 0.3 + random.nextDouble() * 3.0;
                }
                double x = dp.eval(point);
                double y = dr.eval(point);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    continue;
                }
                defined++;
                if (Math.abs(y) < 1e-12 || Math.abs(x) < 1e-12) {
                    if (Math.abs(y) < 1e-12 && Math.abs(x) < 1e-12) {
                        continue;
                    }
                    return new Verdict(false, "different equations: " + shorten(p) + " vs " + shorten(r));
                }
                if (Double.isNaN(ratio)) {
                    ratio = x / y;
                } else if (!close(x, ratio * y, IDENTITY_TOLERANCE)) {
                    return new Verdict(false, "different equations: " + shorten(p) + " vs " + shorten(r));
                }
            }
            if (defined < 3) {
                return new Verdict(false, "different: could not evaluate equations " + shorten(p) + " and " + shorten(r));
            }
            return new Verdict(true, "equivalent equations: " + shorten(p) + " ~ " + shorten(r));
        }
    }

    /**
     * The side that is a rounded decimal (predicted first), or null when both are exact. A decimal is a
     * number written with digits after a point ("3.1416", ".5", "10000.0", "1.5\\times10^{3}"); a repeating
     * decimal is not, the normalizer has turned it into its fraction.
     */
    static String roundedDecimal(String p, String r) {
        return hasDecimalPoint(p) ? p : hasDecimalPoint(r) ? r : null;
    }

    private static boolean hasDecimalPoint(String s) {
        for (int k = s.indexOf('.'); k >= 0; k = s.indexOf('.', k + 1)) {
            if (k + 1 < s.length() && Character.isDigit(s.charAt(k + 1))) {
                return true;
            }
        }
        return false;
    }

    /** A value for a reason: an integer as such, otherwise 12 significant digits ("9999.85714285714"). */
    static String value(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return BigDecimal.valueOf(x).round(new MathContext(12)).stripTrailingZeros().toString();
    }

    static boolean close(double a, double b, double relative) {
        return a == b || Math.abs(a - b) <= relative * Math.max(Math.abs(a), Math.abs(b));
    }

    /** Index of a top-level '=' that is an equation sign (not part of <=, >=, !=), or -1. */
    static int equalsSign(String s) {
        int depth = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == '=' && depth == 0 && (k == 0 || "<>!".indexOf(s.charAt(k - 1)) < 0)) {
                return k;
            }
        }
        return -1;
    }

    /** The base of a numeral written "digits_base" ("1011_2", "A3_{16}"), or 0 when {@code s} is not one. */
    static int numeralBase(String s) {
        int underscore = s.indexOf('_');
        if (underscore <= 0 || underscore > 64) {
            return 0;
        }
        String sub = s.substring(underscore + 1);
        if (sub.startsWith("{") && sub.endsWith("}")) {
            sub = sub.substring(1, sub.length() - 1);
        }
        if (sub.isEmpty() || sub.length() > 2 || !sub.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        int base = Integer.parseInt(sub);
        return base >= 2 && base <= 16 && isNumeral(s.substring(0, underscore), base) ? base : 0;
    }

    /**
     * Digits (0-9, then A-F) all below {@code base}, at least one of them a decimal digit, with an optional
     * leading minus and one radix point ("-221", "0.0011").
     */
    private static boolean isNumeral(String s, int base) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        boolean decimalDigit = false;
        boolean point = false;
        for (int k = s.charAt(0) == '-' ? 1 : 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '.' && !point && k > 0 && k + 1 < s.length()) {
                point = true;
                continue;
            }
            int d = Character.isDigit(c) ? c - '0' : (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f')
                    ? Character.toUpperCase(c) - 'A' + 10 : -1;
            if (d < 0 || d >= base) {
                return false;
            }
            decimalDigit |= Character.isDigit(c);
        }
        return decimalDigit;
    }

    /** "x", "y_1", "f(x)", "\theta", "a+b" (a named quantity on the left of "="), not a number. */
    private static boolean isSimpleName(String lhs) {
        if (lhs.isEmpty() || lhs.length() > 16) {
            return false;
        }
        return lhs.chars().anyMatch(Character::isLetter) && plainNumber(lhs) == null;
    }

    private static boolean hasLongWord(String s) {
        return LatexText.hasLetterRun(s, 3);
    }

    /** A plain decimal ("-12", "0.50", ".5", "1e3", "1.2E-4"), or null. */
    static BigDecimal plainNumber(String s) {
        int n = s.length();
        if (n == 0 || n > 400) {
            return null;
        }
        int k = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            k++;
        }
        int digits = 0;
        while (k < n && Character.isDigit(s.charAt(k))) {
            k++;
            digits++;
        }
        if (k < n && s.charAt(k) == '.') {
            k++;
            while (k < n && Character.isDigit(s.charAt(k))) {
                k++;
                digits++;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (k < n && (s.charAt(k) == 'e' || s.charAt(k) == 'E')) {
            int e = k + 1;
            if (e < n && (s.charAt(e) == '-' || s.charAt(e) == '+')) {
                e++;
            }
            int expDigits = 0;
            while (e < n && Character.isDigit(s.charAt(e))) {
                e++;
                expDigits++;
            }
            if (expDigits == 0 || expDigits > 4) {
                return null;
            }
            k = e;
        }
        if (k != n) {
            return null;
        }
        try {
            return new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String shorten(String s) {
        return s.length() <= MAX_REASON_ANSWER ? s : s.substring(0, MAX_REASON_ANSWER - 3) + "...";
    }

    private static String describe(Structure s) {
        switch (s.kind) {
            case SCALAR: return "a single value";
            case SET: return "a set of " + s.elements.size();
            case LIST: return "a list of " + s.elements.size();
            case TUPLE: return "a " + s.open + ".." + s.close + " tuple of " + s.elements.size();
            case UNION: return "a union of " + s.elements.size();
            case MATRIX: return "a matrix";
            default: return s.kind.name();
        }
    }

    enum Kind { SCALAR, SET, LIST, TUPLE, UNION, MATRIX }

    /** The top-level shape of a normalized answer. */
    static final class Structure {
        final Kind kind;
        final List<String> elements;
        final char open;
        final char close;
        final int rows;

        private Structure(Kind kind, List<String> elements, char open, char close, int rows) {
            this.kind = kind;
            this.elements = elements;
            this.open = open;
            this.close = close;
            this.rows = rows;
        }

        static Structure of(String s) {
            if (s.startsWith("\\begin{")) {
                Structure m = matrix(s);
                if (m != null) {
                    return m;
                }
            }
            List<String> unionParts = splitTopLevel(s, "\\cup");
            if (unionParts.size() > 1) {
                return new Structure(Kind.UNION, unionParts, ' ', ' ', 0);
            }
            if (s.startsWith("\\{") && s.endsWith("\\}") && s.length() >= 4) {
                String inner = s.substring(2, s.length() - 2);
                return new Structure(Kind.SET, splitTopLevel(inner, ","), '{', '}', 0);
            }
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '(' || first == '[') && (last == ')' || last == ']') && closesAtEnd(s)) {
                List<String> parts = splitTopLevel(s.substring(1, s.length() - 1), ",");
                if (parts.size() > 1) {
                    return new Structure(Kind.TUPLE, parts, first, last, 0);
                }
            }
            List<String> parts = splitTopLevel(s, ",");
            if (parts.size() > 1) {
                return new Structure(Kind.LIST, parts, ' ', ' ', 0);
            }
            int pm = s.indexOf("\\pm");
            if (pm >= 0 && s.indexOf("\\pm", pm + 1) < 0) {
                String plus = s.substring(0, pm) + "+" + s.substring(pm + 3);
                String minus = s.substring(0, pm) + "-" + s.substring(pm + 3);
                return new Structure(Kind.LIST, List.of(plus, minus), ' ', ' ', 0);
            }
            return new Structure(Kind.SCALAR, List.of(s), ' ', ' ', 0);
        }

        /** Whether the bracket opening at 0 closes at the last character (so "(1,2)\cup(3,4)" is not one tuple). */
        private static boolean closesAtEnd(String s) {
            int depth = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth--;
                    if (depth == 0) {
                        return k == s.length() - 1;
                    }
                }
            }
            return false;
        }

        private static Structure matrix(String s) {
            int nameEnd = s.indexOf('}');
            String env = s.substring("\\begin{".length(), nameEnd);
            if (!env.endsWith("matrix")) {
                return null;
            }
            String end = "\\end{" + env + "}";
            if (!s.endsWith(end)) {
                return null;
            }
            String body = s.substring(nameEnd + 1, s.length() - end.length());
            List<String> cells = new ArrayList<>();
            int rows = 0;
            for (String row : splitTopLevel(body, "\\\\")) {
                if (row.isEmpty()) {
                    continue;
                }
                rows++;
                cells.addAll(splitTopLevel(row, "&"));
            }
            return new Structure(Kind.MATRIX, cells, '(', ')', rows);
        }

        /** Splits at top-level occurrences of {@code separator} (outside (), [], {} and \{ \}). */
        static List<String> splitTopLevel(String s, String separator) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            int start = 0;
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                if (depth == 0 && s.startsWith(separator, k)) {
                    parts.add(s.substring(start, k));
                    k += separator.length() - 1;
                    start = k + 1;
                    continue;
                }
                if (c == '\\' && k + 1 < s.length() && (s.charAt(k + 1) == '{' || s.charAt(k + 1) == '}')) {
                    depth += s.charAt(k + 1) == '{' ? 1 : -1;
                    k++;
                } else if (c == '\\' && k + 1 < s.length() && s.charAt(k + 1) == '\\') {
                    k++;
                } else if (c == '{' || c == '(' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ')' || c == ']') {
                    depth--;
                }
            }
            parts.add(s.substring(start));
            return parts;
        }
    }
}
