package org.stepdpo.config.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import jinjava.javax.el.CompositeELResolver;

/**
 * jinjava set up to render Hugging Face chat templates as transformers does with Python's Jinja2.
 *
 * <p>transformers renders with {@code trim_blocks} and {@code lstrip_blocks}, Jinja2 drops the template's final
 * newline, and templates are written against Python objects. What differs in jinjava and is bridged here (each
 * is covered by {@code Jinja2EnvironmentTest} and the fixtures of {@code ChatTemplateFixturesTest}):
 * <ul>
 *   <li>jinjava's newer, Jinja2-like behaviour where it has one ({@link #PYTHON_LIKE});</li>
 *   <li>what jinjava parses otherwise (the template's final newline, {@code xs[::-1]}, keyword arguments,
 *       {@code not x is defined}) is rewritten before parsing ({@link Jinja2Syntax});</li>
 *   <li>Python's string methods ({@link PythonStringMethods});</li>
 *   <li>{@code tojson} as Python's {@code json.dumps} ({@link PythonJson});</li>
 *   <li>{@code trim} strips what Python's {@code str.strip()} strips (Unicode spaces too, not only ASCII);</li>
 *   <li>{@code is iterable} is true for strings, as in Python;</li>
 *   <li>the globals {@code raise_exception} and {@code strftime_now} ({@link Jinja2Functions}).</li>
 * </ul>
 */
final class Jinja2Environment {

    /**
     * jinjava's switches from its historical behaviour to Jinja2's: Python's operator precedence, whitespace
     * control and printing of lists and dicts, dict literal keys and loops over dicts as in Python, None kept in
     * loops, backslashes special only inside quotes. Not {@link LegacyOverrides#ALL}: in 2.8.4 that also requires
     * a space after a tag's opening, so {@code {%- if ...} would stay text.
     */
    static final LegacyOverrides PYTHON_LIKE = LegacyOverrides.newBuilder()
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withAllowAdjacentTextNodes(true)
            .withUsePyishObjectMapper(true)
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withKeepNullableLoopValues(true)
            .withHandleBackslashInQuotesOnly(true)
            .build();

    private final Jinjava jinjava;

    Jinja2Environment(Clock clock) {
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new PythonStringMethods());
        resolvers.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withKeepTrailingNewline(true) // Jinja2Syntax drops the template's final newline instead
                .withLegacyOverrides(PYTHON_LIKE)
                .withElResolver(resolvers)
                .withDateTimeProvider(clock::millis)
                .withTimeZone(clock.getZone())
                .build();
        jinjava = new Jinjava(config);
        var globals = jinjava.getGlobalContext();
        globals.registerFilter(new PythonJson());
        globals.registerFilter(new PythonTrim());
        globals.registerExpTest(new PythonIterable());
        globals.registerFunction(new ELFunctionDefinition("", "raise_exception", Jinja2Functions.class,
                "raiseException", String.class));
        globals.registerFunction(new ELFunctionDefinition("", "strftime_now", Jinja2Functions.class,
                "strftimeNow", String.class));
    }

    /**
     * Renders {@code template} with {@code variables}.
     *
     * @param source what the template is (its file), for error messages
     * @throws ChatTemplateException when the template does not parse, fails, or calls {@code raise_exception}
     */
    String render(String source, String template, Map<String, Object> variables) {
        RenderResult result = jinjava.renderForResult(Jinja2Syntax.rewrite(template), variables);
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw failure(source, e);
            }
        }
        return result.getOutput();
    }

    private static ChatTemplateException failure(String source, TemplateError e) {
        for (Throwable t = e.getException(); t != null; t = t.getCause()) {
            if (t instanceof Jinja2Functions.RaisedByTemplate raised) {
                return new ChatTemplateException("chat template " + source + " refused the messages: "
                        + raised.getMessage());
            }
        }
        return new ChatTemplateException("chat template " + source + " failed at line " + e.getLineno() + ": "
                + oneLine(e.getMessage()), e.getException());
    }

    private static String oneLine(String s) {
        return Objects.toString(s, "").replaceAll("\\s*\\R\\s*", " ");
    }

    /** Jinja2's {@code trim(value, chars=None)}: Python's {@code str.strip}. */
    private static final class PythonTrim implements Filter {
        @Override
        public String getName() {
            return "trim";
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
            return PythonStrings.strip(Objects.toString(var, ""), args.length > 0 ? args[0] : null);
        }
    }

    /** Python's iterables include strings; jinjava's {@code iterable} test says no to them. */
    private static final class PythonIterable implements ExpTest {
        @Override
        public String getName() {
            return "iterable";
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            return var instanceof CharSequence || var instanceof Iterable<?> || var instanceof Map<?, ?>
                    || var != null && var.getClass().isArray();
        }
    }
}
