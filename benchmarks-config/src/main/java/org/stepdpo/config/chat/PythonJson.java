package org.stepdpo.config.chat;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The {@code tojson} filter as transformers defines it for chat templates: Python's
 * {@code json.dumps(value, ensure_ascii=False, indent=indent, separators=separators, sort_keys=sort_keys)}.
 *
 * <p>jinjava's own {@code tojson} writes compact JSON ({@code {"a":1}}); Python writes {@code {"a": 1}}, and with
 * an indent puts each item on its own line. The text the model sees must be the one it was trained on.
 */
final class PythonJson implements Filter {

    @Override
    public String getName() {
        return "tojson";
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return dumps(var, null, null, false);
    }

    @Override
    public Object filter(Object var, JinjavaInterpreter interpreter, Object[] args, Map<String, Object> kwargs) {
        Object indent = kwargs.getOrDefault("indent", args.length > 0 ? args[0] : null);
        Object separators = kwargs.get("separators");
        boolean sortKeys = Boolean.TRUE.equals(kwargs.get("sort_keys"));
        return dumps(var, indent == null ? null : ((Number) indent).intValue(),
                separators == null ? null : ((List<?>) separators).stream().map(String::valueOf).toList(), sortKeys);
    }

    /** Python's {@code json.dumps} with {@code ensure_ascii=False}. */
    static String dumps(Object value, Integer indent, List<String> separators, boolean sortKeys) {
        String item = separators != null ? separators.get(0) : indent != null ? "," : ", ";
        String key = separators != null ? separators.get(1) : ": ";
        StringBuilder out = new StringBuilder();
        new Writer(out, indent, item, key, sortKeys).write(value, 0);
        return out.toString();
    }

    private record Writer(StringBuilder out, Integer indent, String itemSeparator, String keySeparator,
                          boolean sortKeys) {

        void write(Object v, int level) {
            if (v == null) {
                out.append("null");
            } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
                    || v instanceof java.math.BigInteger) {
                out.append(v);
            } else if (v instanceof Number n) {
                out.append(floatRepr(n.doubleValue()));
            } else if (v instanceof Map<?, ?> m) {
                writeMap(m, level);
            } else if (v instanceof Iterable<?> it) {
                List<Object> items = new ArrayList<>();
                it.forEach(items::add);
                writeList(items, level);
            } else if (v.getClass().isArray()) {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < Array.getLength(v); i++) {
                    items.add(Array.get(v, i));
                }
                writeList(items, level);
            } else {
                string(v.toString());
            }
        }

        private void writeList(List<Object> items, int level) {
            if (items.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : itemSeparator);
                newline(level + 1);
                write(items.get(i), level + 1);
            }
            newline(level);
            out.append(']');
        }

        private void writeMap(Map<?, ?> map, int level) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (sortKeys) {
                entries.sort(Comparator.comparing(e -> keyText(e.getKey())));
            }
            out.append('{');
            for (int i = 0; i < entries.size(); i++) {
                out.append(i == 0 ? "" : itemSeparator);
                newline(level + 1);
                string(keyText(entries.get(i).getKey()));
                out.append(keySeparator);
                write(entries.get(i).getValue(), level + 1);
            }
            newline(level);
            out.append('}');
        }

        private void newline(int level) {
            if (indent != null) {
                out.append('\n').append(" ".repeat(indent * level));
            }
        }

        private static String keyText(Object key) {
            return String.valueOf(key); // Python's json writes the keys None, True and 1 as "null", "true", "1"
        }

        private void string(String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }

    /** Python's {@code repr(float)}: the shortest digits, plain from 1e-4 up to 1e16, else {@code 1e+16}. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = b.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - b.scale();
        String sign = d < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = b.abs().toPlainString();
            return sign + (plain.contains(".") ? plain : plain + ".0");
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
