package org.stepdpo.data.arith;

import java.util.ArrayList;
import java.util.List;

/** An arithmetic operation of the synthetic task, with the symbol its solutions write. */
public enum Op {
    ADD('+'), SUB('-'), MUL('*');

    private final char symbol;

    Op(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    public long apply(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
        };
    }

    public static Op ofSymbol(char c) {
        for (Op op : values()) {
            if (op.symbol == c) {
                return op;
            }
        }
        if (c == 'x' || c == '×') {
            return MUL;
        }
        if (c == '−' || c == '–') {
            return SUB;
        }
        throw new IllegalArgumentException("unknown operation '" + c + "'");
    }

    /** Parses a list of symbols such as {@code "+-*"} or {@code "+,-"}. */
    public static List<Op> parseAll(String symbols) {
        List<Op> ops = new ArrayList<>();
        for (char c : symbols.toCharArray()) {
            if (c != ',' && !Character.isWhitespace(c)) {
                Op op = ofSymbol(c);
                if (!ops.contains(op)) {
                    ops.add(op);
                }
            }
        }
        return ops;
    }
}
