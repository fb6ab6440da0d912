package org.stepdpo.reports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stepdpo.reports.TestRuns;
import org.stepdpo.reports.report.ReportExporter;
import org.stepdpo.reports.report.ReportFormat;
import org.stepdpo.reports.report.RunReports;
import org.stepdpo.reports.runs.RunStore;
import org.stepdpo.reports.runs.SampleRecord;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.NewRun;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages as a browser shows them, after their scripts ran: a headless Chromium (the Debian package; nothing is
 * downloaded) dumps the DOM of the leaderboard, a run page, sample pages (one with its math rendered by KaTeX, and
 * with its LaTeX source shown again by the page's button) and the HTML export. Skipped when
 * Chromium is not installed. Screenshots land in target/screenshots for a person to look at.
 */
@QuarkusTest
class ChromiumPagesTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    /**
     * One client, plain HTTP/1.1, with time-outs: with a new default client per request (which asks to upgrade to
     * HTTP/2) one GET of a KaTeX font hung in a full run of the module's tests.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @TestHTTPResource("/")
    URL root;

    @Inject
    RunStore store;

    @Inject
    RunReports reports;

    @Inject
    ReportExporter exporter;

    private static TestRuns.Seeded runs;

    @BeforeEach
    void seedOnce() {
        Assumptions.assumeTrue(chromium() != null,
                "Chromium is not installed (apt-get install chromium); the browser checks of the dashboard are skipped");
        if (runs == null) {
            runs = TestRuns.seed(store);
        }
    }

    @Test
    void leaderboardShowsOneRowPerModel() throws Exception {
        String dom = dumpDom(root + "", "leaderboard");
        String board = between(dom, "<table class=\"sortable leaderboard\" id=\"leaderboard-arith\">", "</table>");
        List<String> models = all(board, "<td class=\"model\">([^<]*)</td>");
        assertThat(models).contains(runs.modelAfter(), runs.model());
        assertThat(models.indexOf(runs.modelAfter())).isLessThan(models.indexOf(runs.model()));
        assertThat(board).contains("100.00%", "50.00%");
        // The sort script ran: it titles every header.
        assertThat(board).contains("title=\"Sort by Model\"");
    }

    @Test
    void samplePageHighlightsTheFirstWrongStep() throws Exception {
        String dom = dumpDom(root + "runs/" + runs.before() + "/samples/" + runs.wrongSampleId(), "sample");
        List<String> highlighted = all(dom, "<li class=\"[^\"]*\\bfirst-error\\b[^\"]*\" id=\"(step-\\d+)\"");
        assertThat(highlighted).containsExactly("step-2");
        String step = between(dom, "id=\"step-2\">", "</li>");
        assertThat(step).contains("first wrong step", TestRuns.WRONG_STEP, TestRuns.JUDGE_REASON);
        assertThat(dom).contains("✗ wrong");
    }

    @Test
    void samplePageRendersItsMathWithKatexServedByTheApplication() throws Exception {
        TestRuns.MathRun math = TestRuns.seedMath(store);
        String dom = dumpDom(root + "runs/" + math.run() + "/samples/" + math.sampleId(), "sample-math");
        // KaTeX markup, with the source kept as the MathML annotation, in steps, the judge's reason and the answer
        assertThat(between(dom, "id=\"step-1\">", "</li>")).contains("class=\"katex\"",
                "<annotation encoding=\"application/x-tex\">\\frac{1}{2} \\cdot 20 = 10</annotation>",
                "<annotation encoding=\"application/x-tex\">\\frac{1}{2}</annotation>");
        assertThat(between(dom, "id=\"step-2\">", "</li>")).contains("class=\"katex-display\"", "class=\"katex\"");
        assertThat(between(dom, "id=\"step-4\">", "</li>")).as("a bare \\boxed{} renders too")
                .contains("class=\"katex\"", "\\boxed{10}</annotation>");
        assertThat(between(dom, "<dt>Final answer</dt>", "</dd>")).contains("class=\"katex\"",
                TestRuns.MATH_ANSWER + "</annotation>");
        // a broken formula is shown as an error in place, the rest of the page still renders; markup stays text
        String broken = between(dom, "id=\"step-3\">", "</li>");
        assertThat(broken).contains("katex-error", "&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("<b>", "javascript:alert(1)\"");
        assertThat(dom).contains("class=\"math-toggle\"", ">Show LaTeX source</button>");
        String run = dumpDom(root + "runs/" + math.run(), "run-math");
        assertThat(between(run, "<table id=\"sample-list\">", "</table>")).as("answers in the run's sample list")
                .contains("class=\"katex\"", TestRuns.MATH_ANSWER + "</annotation>");
        // what the page's style sheet names is served by the application: KaTeX's CSS and every font it uses
        String css = get(root.toURI().resolve(DashboardPagesTest.KATEX_CSS));
        assertThat(dom).contains("<link rel=\"stylesheet\" href=\"" + DashboardPagesTest.KATEX_CSS + "\">");
        List<String> fonts = all(css, "url\\((fonts/[^)]+)\\)");
        assertThat(fonts).hasSizeGreaterThan(10);
        for (String font : fonts) {
            get(root.toURI().resolve(DashboardPagesTest.KATEX_CSS).resolve(font));
        }
    }

    @Test
    void theLatexSourceIsOneClickAway() throws Exception {
        TestRuns.MathRun math = TestRuns.seedMath(store);
        String page = get(root.toURI().resolve("runs/" + math.run() + "/samples/" + math.sampleId()));
        String click = "<script>document.querySelector('.math-toggle').click();</script>";
        // the served page as a file that clicks the button after the dashboard's script ran (assets from the server)
        String once = clickedDom(page.replace("<head>", "<head><base href=\"" + root + "\">"), click, "sample-math-source");
        assertThat(once).doesNotContain("class=\"katex").contains(
                "<pre class=\"step-text math\">" + TestRuns.MATH_INLINE + "</pre>",
                "<pre class=\"step-text math\">" + TestRuns.MATH_BOXED + "</pre>",
                "<code class=\"math math-answer\">" + TestRuns.MATH_ANSWER + "</code>",
                "aria-pressed=\"true\">Show rendered</button>");
        String twice = clickedDom(page.replace("<head>", "<head><base href=\"" + root + "\">"), click + click,
                "sample-math-again");
        assertThat(between(twice, "id=\"step-1\">", "</li>")).contains("class=\"katex\"");
        assertThat(twice).contains("aria-pressed=\"false\">Show LaTeX source</button>");
    }

    @Test
    void runPageDrawsItsChartsWithTheServedLibrary() throws Exception {
        String dom = dumpDom(root + "runs/" + runs.training(), "run-training");
        String loss = between(dom, "id=\"chart-loss\"", "</svg>");
        assertThat(loss).contains("<svg", "Training loss");
        String run = dumpDom(root + "runs/" + runs.before(), "run-eval");
        assertThat(between(run, "id=\"chart-first-error\"", "</svg>")).contains("<svg", "Wrong answers: first wrong step");
        assertThat(run).doesNotContain("The chart library did not load.");
    }

    @Test
    void bothComparisonPagesRender() throws Exception {
        // the math run's one problem answered wrong, in LaTeX, by another run: a flip whose answers render as math
        TestRuns.MathRun math = TestRuns.seedMath(store);
        long wrong = store.startRun(new NewRun(RunKind.EVAL, "eval math wrong", "math-wrong", "arith", null,
                "/data/arith.jsonl", "{}", "0.1.0", null, "CPU", null));
        store.addSamples(wrong, List.of(new SampleRecord("m-0", 0, 0, "The answer is \\boxed{\\frac{1}{2}}.",
                "\\frac{1}{2}", false, "Level 1", "algebra", null, List.of())));
        store.finishRun(wrong);
        String answers = dumpDom(root + "compare?a=" + wrong + "&b=" + math.run(), "compare-eval");
        String flips = between(answers, "<table class=\"sortable\" id=\"flip-list\">", "</table>");
        assertThat(flips).contains("gained by B", "class=\"katex\"", "\\frac{1}{2}</annotation>",
                TestRuns.MATH_ANSWER + "</annotation>");
        assertThat(answers).contains("id=\"p-exact\"");
        String trainings = dumpDom(root + "compare?a=" + runs.training() + "&b=" + runs.dpoTraining(), "compare-training");
        assertThat(between(trainings, "id=\"chart-loss\"", "</svg>")).contains("<svg");
        assertThat(trainings).doesNotContain("McNemar", "The chart library did not load.");
    }

    @Test
    void htmlExportWorksAsALocalFile() throws Exception {
        Path file = Files.createTempFile("stepdpo-report-", ".html");
        try {
            String html = exporter.render(reports.report(runs.training()), ReportFormat.HTML);
            assertThat(html).as("one file: nothing loaded from the server").doesNotContain("src=\"/", "href=\"/webjars");
            Files.writeString(file, html);
            String dom = dumpDom(file.toUri().toString(), "export");
            assertThat(between(dom, "id=\"chart-reward-accuracy\"", "</svg>")).contains("<svg", "Reward accuracy");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The body of a GET from the application, asserting status 200. */
    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        return response.body();
    }

    /** The DOM of a page saved as a file, with a script appended that runs after the page's own ones. */
    private static String clickedDom(String page, String script, String name) throws IOException, InterruptedException {
        Path file = Files.createTempFile("stepdpo-page-", ".html");
        try {
            Files.writeString(file, page.replace("</body>", script + "</body>"));
            return dumpDom(file.toUri().toString(), name);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    /** The DOM after the page's scripts ran; also saves a screenshot of the same page. */
    private static String dumpDom(String url, String name) throws IOException, InterruptedException {
        Files.createDirectories(SCREENSHOTS);
        run(List.of("--screenshot=" + SCREENSHOTS.resolve(name + ".png").toAbsolutePath(), "--window-size=1280,1000", url),
                null);
        Path out = Files.createTempFile("stepdpo-dom-", ".html");
        try {
            run(List.of("--dump-dom", url), out);
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void run(List<String> args, Path stdout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("stepdpo-chromium-");
        List<String> command = new ArrayList<>(List.of(chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectOutput(stdout == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(stdout.toFile()));
        Process p = pb.start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished within 90 s: " + command).isTrue();
            assertThat(p.exitValue()).as("chromium exit status for " + command).isZero();
        } finally {
            p.destroyForcibly();
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("page contains " + start).isNotNegative();
        int to = text.indexOf(end, from);
        assertThat(to).as("page contains " + end + " after " + start).isPositive();
        return text.substring(from, to + end.length());
    }

    private static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
