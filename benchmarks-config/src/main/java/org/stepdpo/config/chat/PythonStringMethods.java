package org.stepdpo.config.chat;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

/**
 * Lets templates call Python's {@code str} methods on strings: jinjava would look the name up as a Java method
 * ({@code startswith} does not exist, {@code split} is a regular-expression split). Put first in jinjava's
 * resolver chain; anything that is not a string method it knows falls through to jinjava's own resolvers.
 *
 * <p>Known: {@code strip}, {@code lstrip}, {@code rstrip}, {@code startswith}, {@code endswith}, {@code split},
 * {@code replace}, {@code upper}, {@code lower}, {@code join} (the methods that the chat templates of the
 * common instruct models call).
 */
final class PythonStringMethods extends ELResolver {

    private static final Set<String> METHODS = Set.of("strip", "lstrip", "rstrip", "startswith", "endswith", "split",
            "replace", "upper", "lower", "join");

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || method == null || !METHODS.contains(method.toString())) {
            return null;
        }
        Object[] p = params == null ? new Object[0] : params;
        Object result = call(s, method.toString(), p);
        context.setPropertyResolved(true);
        return result;
    }

    private static Object call(String s, String method, Object[] p) {
        return switch (method) {
            case "strip" -> PythonStrings.strip(s, text(p, 0));
            case "lstrip" -> PythonStrings.lstrip(s, text(p, 0));
            case "rstrip" -> PythonStrings.rstrip(s, text(p, 0));
            case "startswith" -> PythonStrings.startsWith(s, p[0]);
            case "endswith" -> PythonStrings.endsWith(s, p[0]);
            case "split" -> PythonStrings.split(s, text(p, 0), count(p, 1));
            case "replace" -> PythonStrings.replace(s, text(p, 0), text(p, 1), count(p, 2));
            case "upper" -> s.toUpperCase(java.util.Locale.ROOT);
            case "lower" -> s.toLowerCase(java.util.Locale.ROOT);
            case "join" -> StreamSupport.stream(((Iterable<?>) p[0]).spliterator(), false).map(String::valueOf)
                    .collect(Collectors.joining(s));
            default -> throw new IllegalStateException(method);
        };
    }

    /** Argument {@code i} as text; absent or None is null (Python's default). */
    private static String text(Object[] p, int i) {
        return p.length > i && p[i] != null ? p[i].toString() : null;
    }

    /** Argument {@code i} as a count; absent is -1 (Python's "no limit"). */
    private static int count(Object[] p, int i) {
        return p.length > i && p[i] != null ? ((Number) p[i]).intValue() : -1;
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
