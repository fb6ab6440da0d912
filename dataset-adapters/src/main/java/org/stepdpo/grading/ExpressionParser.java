package org.stepdpo.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for the LaTeX subset that final answers use: numbers (decimal, scientific),
 * {@code + - * / \cdot \times \div}, implicit multiplication ({@code 2x}, {@code 3\sqrt{2}}),
 * powers, {@code \frac}, {@code \sqrt[n]{}}, {@code \binom}, factorials, {@code |x|}, {@code \pi},
 * trigonometric/log functions, variables with subscripts, and mixed numbers ({@code 2\frac{1}{2}} = 2.5,
 * the MATH convention).
 *
 * <p>Everything is bounded: input length, nesting depth (so no stack overflow), factorial arguments
 * (over 170 overflows a double and stops there) and the {@link Deadline}. Sums and products are n-ary
 * nodes so long chains do not nest.
 */
final class ExpressionParser {

    /** Names of free variables, shared by the two sides of a comparison so indices agree. */
    static final class Variables {
        private final Map<String, Integer> index = new LinkedHashMap<>();

        int indexOf(String name) {
            return index.computeIfAbsent(name, n -> index.size());
        }

        int size() {
            return index.size();
        }

        /** Whether {@code name} is the one and only variable seen. */
        boolean only(String name) {
            return index.size() == 1 && index.containsKey(name);
        }
    }

    /** The text is not an expression this parser understands. */
    static final class ParseFailure extends Exception {
        ParseFailure(String message) {
            super(message, null, false, false);
        }
    }

    static final int MAX_LENGTH = 2_000;
    private static final int MAX_DEPTH = 200;
    private static final int MAX_FACTORIAL = 170;

    private final String s;
    private final Variables variables;
    private final Deadline deadline;
    private int pos;
    private int depth;
    private int absDepth;
    private int nodes;

    private ExpressionParser(String s, Variables variables, Deadline deadline) {
        this.s = s;
        this.variables = variables;
        this.deadline = deadline;
    }

    static Expression parse(String text, Variables variables, Deadline deadline) throws ParseFailure {
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new ParseFailure(text.isEmpty() ? "empty" : "too long to parse");
        }
        ExpressionParser p = new ExpressionParser(text, variables, deadline);
        Expression e = p.sum();
        if (p.pos != text.length()) {
            throw new ParseFailure("unexpected '" + text.charAt(p.pos) + "' at " + p.pos);
        }
        return e;
    }

    private Expression sum() throws ParseFailure {
        enter();
        List<Expression> terms = new ArrayList<>();
        boolean negate = false;
        if (peek('+') || peek('-')) {
            negate = s.charAt(pos++) == '-';
        }
        while (true) {
            Expression t = term();
            terms.add(negate ? negate(t) : t);
            if (peek('+') || peek('-')) {
                negate = s.charAt(pos++) == '-';
            } else {
                break;
            }
        }
        depth--;
        if (terms.size() == 1) {
            return terms.get(0);
        }
        Expression[] arr = terms.toArray(new Expression[0]);
        return v -> {
            double total = 0;
            for (Expression t : arr) {
                total += t.eval(v);
            }
            return total;
        };
    }

    private static Expression negate(Expression e) {
        return v -> -e.eval(v);
    }

    private Expression term() throws ParseFailure {
        enter();
        List<Expression> factors = new ArrayList<>();
        List<Boolean> divide = new ArrayList<>();
        int start = pos;
        Expression first = power();
        factors.add(first);
        divide.add(false);
        boolean firstIsInteger = isIntegerLiteral(start, pos);
        while (pos < s.length()) {
            boolean div;
            if (peek('*')) {
                pos++;
                div = false;
            } else if (peek('/')) {
                pos++;
                div = true;
            } else if (command("\\cdot") || command("\\times") || command("\\ast")) {
                div = false;
            } else if (command("\\div")) {
                div = true;
            } else if (startsImplicitFactor()) {
                div = false;
                if (factors.size() == 1 && firstIsInteger && s.startsWith("\\frac", pos)) {
                    int fracStart = pos;
                    Expression frac = power();
                    if (isNumericFraction(fracStart, pos)) {
                        // mixed number: 2\frac{1}{2} means 2 + 1/2
                        Expression whole = factors.get(0);
                        Expression mixed = v -> {
                            double w = whole.eval(v);
                            double f = frac.eval(v);
                            return w < 0 ? w - f : w + f;
                        };
                        factors.set(0, mixed);
                        continue;
                    }
                    factors.add(frac);
                    divide.add(false);
                    continue;
                }
            } else {
                break;
            }
            factors.add(power());
            divide.add(div);
        }
        depth--;
        if (factors.size() == 1) {
            return factors.get(0);
        }
        Expression[] arr = factors.toArray(new Expression[0]);
        boolean[] div = new boolean[arr.length];
        for (int k = 0; k < div.length; k++) {
            div[k] = divide.get(k);
        }
        return v -> {
            double product = 1;
            for (int k = 0; k < arr.length; k++) {
                double x = arr[k].eval(v);
                product = div[k] ? product / x : product * x;
            }
            return product;
        };
    }

    private boolean isIntegerLiteral(int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (!Character.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean isNumericFraction(int from, int to) {
        for (int k = from + "\\frac".length(); k < to; k++) {
            char c = s.charAt(k);
            if (!(Character.isDigit(c) || c == '{' || c == '}')) {
                return false;
            }
        }
        return true;
    }

    private boolean startsImplicitFactor() {
        if (pos >= s.length()) {
            return false;
        }
        char c = s.charAt(pos);
        if (c == '|') {
            return absDepth == 0;
        }
        if (c == '\\') {
            return !(s.startsWith("\\pm", pos) || s.startsWith("\\mp", pos) || s.startsWith("\\le", pos)
                    || s.startsWith("\\ge", pos) || s.startsWith("\\ne", pos) || s.startsWith("\\to", pos)
                    || s.startsWith("\\cup", pos) || s.startsWith("\\cap", pos));
        }
        return Character.isLetterOrDigit(c) || c == '(' || c == '{' || c == '[' || c == '.';
    }

    private Expression power() throws ParseFailure {
        enter();
        Expression result;
        if (peek('-')) {
            pos++;
            result = negate(power());
        } else if (peek('+')) {
            pos++;
            result = power();
        } else {
            Expression base = postfix(primary());
            if (peek('^')) {
                pos++;
                Expression exponent = postfix(argument(true));
                result = v -> Math.pow(base.eval(v), exponent.eval(v));
            } else {
                result = base;
            }
        }
        depth--;
        return result;
    }

    private Expression postfix(Expression e) throws ParseFailure {
        Expression result = e;
        int count = 0;
        while (peek('!')) {
            pos++;
            if (++count > MAX_DEPTH) {
                throw new ParseFailure("too many factorials");
            }
            Expression inner = result;
            result = v -> factorial(inner.eval(v));
        }
        while (peek('\'')) {
            throw new ParseFailure("derivative marks are not expressions");
        }
        return result;
    }

    static double factorial(double n) {
        if (Double.isNaN(n) || n < 0 || n != Math.rint(n)) {
            return Double.NaN;
        }
        if (n > MAX_FACTORIAL) {
            return Double.POSITIVE_INFINITY;
        }
        double f = 1;
        for (int k = 2; k <= (int) n; k++) {
            f *= k;
        }
        return f;
    }

    /** A command argument: a braced group, or a single digit/letter/command (as in {@code \frac12}). */
    private Expression argument(boolean exponent) throws ParseFailure {
        if (pos >= s.length()) {
            throw new ParseFailure("missing argument");
        }
        char c = s.charAt(pos);
        if (c == '{') {
            return group('{', '}');
        }
        if (Character.isDigit(c)) {
            int start = pos;
            pos++;
            if (exponent) {
                // "10^23" means 10^{23}, not 10^{2}·3
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            double value = Double.parseDouble(s.substring(start, pos));
            return v -> value;
        }
        if (c == '-' && exponent) {
            pos++;
            return negate(argument(true));
        }
        return primary();
    }

    private Expression group(char open, char close) throws ParseFailure {
        expect(open);
        int savedAbs = absDepth;
        absDepth = 0;
        Expression e = sum();
        absDepth = savedAbs;
        expect(close);
        return e;
    }

    private Expression primary() throws ParseFailure {
        enter();
        if (++nodes % 64 == 0) {
            deadline.check();
        }
        if (pos >= s.length()) {
            throw new ParseFailure("unexpected end");
        }
        char c = s.charAt(pos);
        Expression result;
        if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
            result = number();
        } else if (c == '(') {
            result = group('(', ')');
        } else if (c == '[') {
            result = group('[', ']');
        } else if (c == '{') {
            result = group('{', '}');
        } else if (c == '|') {
            pos++;
            absDepth++;
            Expression inner = sum();
            absDepth--;
            expect('|');
            result = v -> Math.abs(inner.eval(v));
        } else if (Character.isLetter(c) && c < 128) {
            pos++;
            result = variable(String.valueOf(c));
        } else if (c == '\\') {
            result = commandPrimary();
        } else {
            throw new ParseFailure("unexpected '" + c + "'");
        }
        depth--;
        return result;
    }

    private Expression number() throws ParseFailure {
        int start = pos;
        while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
            pos++;
        }
        if (pos < s.length() && s.charAt(pos) == '.') {
            pos++;
            while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                pos++;
            }
        }
        if (pos + 1 < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            int q = pos + 1;
            if (s.charAt(q) == '+' || s.charAt(q) == '-') {
                q++;
            }
            if (q < s.length() && Character.isDigit(s.charAt(q))) {
                while (q < s.length() && Character.isDigit(s.charAt(q))) {
                    q++;
                }
                pos = q;
            }
        }
        String literal = s.substring(start, pos);
        try {
            double value = Double.parseDouble(literal);
            return v -> value;
        } catch (NumberFormatException e) {
            throw new ParseFailure("bad number " + literal);
        }
    }

    private Expression variable(String base) throws ParseFailure {
        StringBuilder name = new StringBuilder(base);
        if (peek('_')) {
            pos++;
            if (peek('{')) {
                int close = LatexText.matchingBrace(s, pos);
                if (close < 0) {
                    throw new ParseFailure("unbalanced subscript");
                }
                name.append('_').append(s, pos + 1, close);
                pos = close + 1;
            } else if (pos < s.length()) {
                name.append('_').append(s.charAt(pos++));
            }
        }
        int index = variables.indexOf(name.toString());
        return v -> v[index];
    }

    private Expression commandPrimary() throws ParseFailure {
        int start = pos;
        pos++;
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
            pos++;
        }
        String name = s.substring(start + 1, pos);
        skipSpace();
        switch (name) {
            case "frac": {
                Expression num = argument(false);
                Expression den = argument(false);
                return v -> num.eval(v) / den.eval(v);
            }
            case "binom": {
                Expression n = argument(false);
                Expression k = argument(false);
                return v -> binomial(n.eval(v), k.eval(v));
            }
            case "sqrt": {
                if (peek('[')) {
                    Expression index = group('[', ']');
                    Expression radicand = argument(false);
                    return v -> root(radicand.eval(v), index.eval(v));
                }
                Expression radicand = argument(false);
                return v -> Math.sqrt(radicand.eval(v));
            }
            case "pi":
                return v -> Math.PI;
            case "infty":
                throw new ParseFailure("infinity is not a number");
            case "log":
            case "ln":
            case "lg":
                return logarithm(name);
            default:
                break;
        }
        java.util.function.DoubleUnaryOperator f = function(name);
        if (f != null) {
            Expression exponent = null;
            if (peek('^')) {
                pos++;
                exponent = argument(true);
            }
            Expression arg = functionArgument();
            Expression power = exponent;
            if (power == null) {
                return v -> f.applyAsDouble(arg.eval(v));
            }
            return v -> Math.pow(f.applyAsDouble(arg.eval(v)), power.eval(v));
        }
        if (GREEK.contains(name)) {
            return variable("\\" + name);
        }
        throw new ParseFailure("unknown command \\" + name);
    }

    private static final java.util.Set<String> GREEK = java.util.Set.of(
            "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
            "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi",
            "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega");

    private Expression logarithm(String name) throws ParseFailure {
        Expression base = null;
        if (name.equals("log") && peek('_')) {
            pos++;
            base = argument(false);
        }
        Expression arg = functionArgument();
        if (base != null) {
            Expression b = base;
            return v -> Math.log(arg.eval(v)) / Math.log(b.eval(v));
        }
        if (name.equals("lg")) {
            return v -> Math.log10(arg.eval(v));
        }
        // \log without base: natural log, the convention of the answer-checking community (sympy)
        return v -> Math.log(arg.eval(v));
    }

    private Expression functionArgument() throws ParseFailure {
        skipSpace();
        if (peek('(')) {
            return group('(', ')');
        }
        return power();
    }

    private static java.util.function.DoubleUnaryOperator function(String name) {
        switch (name) {
            case "sin": return Math::sin;
            case "cos": return Math::cos;
            case "tan": return Math::tan;
            case "cot": return x -> 1 / Math.tan(x);
            case "sec": return x -> 1 / Math.cos(x);
            case "csc": return x -> 1 / Math.sin(x);
            case "arcsin": return Math::asin;
            case "arccos": return Math::acos;
            case "arctan": return Math::atan;
            case "sinh": return Math::sinh;
            case "cosh": return Math::cosh;
            case "tanh": return Math::tanh;
            case "exp": return Math::exp;
            default: return null;
        }
    }

    static double binomial(double n, double k) {
        if (k != Math.rint(k) || k < 0 || Double.isNaN(n)) {
            return Double.NaN;
        }
        if (k > MAX_FACTORIAL) {
            return Double.NaN;
        }
        double result = 1;
        for (int i = 1; i <= (int) k; i++) {
            result = result * (n - k + i) / i;
        }
        return result;
    }

    private static double root(double x, double n) {
        if (x < 0 && n == Math.rint(n) && ((long) n) % 2 != 0) {
            return -Math.pow(-x, 1 / n);
        }
        return Math.pow(x, 1 / n);
    }

    private boolean command(String name) {
        if (s.startsWith(name, pos)) {
            int end = pos + name.length();
            if (end >= s.length() || !Character.isLetter(s.charAt(end))) {
                pos = end;
                skipSpace();
                return true;
            }
        }
        return false;
    }

    private void skipSpace() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    private boolean peek(char c) {
        skipSpace();
        return pos < s.length() && s.charAt(pos) == c;
    }

    private void expect(char c) throws ParseFailure {
        if (!peek(c)) {
            throw new ParseFailure("expected '" + c + "' at " + pos);
        }
        pos++;
    }

    private void enter() throws ParseFailure {
        if (++depth > MAX_DEPTH) {
            throw new ParseFailure("nested deeper than " + MAX_DEPTH);
        }
    }
}
