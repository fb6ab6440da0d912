package org.stepdpo.grading;

/**
 * A parsed real-valued expression, evaluated in double precision at given variable values
 * (indices assigned by the {@link ExpressionParser.Variables} the expression was parsed with).
 * Non-finite results (overflow, division by zero, a root of a negative number) come back as NaN or
 * infinity and are treated by the comparison as "cannot decide at this point".
 */
@FunctionalInterface
interface Expression {
    double eval(double[] variables);
}
