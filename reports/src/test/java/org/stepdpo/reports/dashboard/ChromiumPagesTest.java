package org.stepdpo.reports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pages as a browser shows them, after their scripts ran: a headless Chromium (the Debian package; nothing is
 * downloaded) dumps the DOM of the leaderboard, a run page, a sample page and the HTML export. Skipped when
 * Chromium is not installed. Screenshots land in target/screenshots for a person to look at.
 */
@QuarkusTest
class ChromiumPagesTest {

    private static final Path SCREENSHOTS = Path.of("target/screenshots");

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
    void runPageDrawsItsChartsWithTheServedLibrary() throws Exception {
        String dom = dumpDom(root + "runs/" + runs.training(), "run-training");
        String loss = between(dom, "id=\"chart-loss\"", "</svg>");
        assertThat(loss).contains("<svg", "Training loss");
        String run = dumpDom(root + "runs/" + runs.before(), "run-eval");
        assertThat(between(run, "id=\"chart-first-error\"", "</svg>")).contains("<svg", "Wrong answers: first wrong step");
        assertThat(run).doesNotContain("The chart library did not load.");
    }

    @Test
    void htmlExportWorksAsALocalFile() throws Exception {
        Path file = Files.createTempFile("stepdpo-report-", ".html");
        try {
            Files.writeString(file, exporter.render(reports.report(runs.training()), ReportFormat.HTML));
            String dom = dumpDom(file.toUri().toString(), "export");
            assertThat(between(dom, "id=\"chart-reward-accuracy\"", "</svg>")).contains("<svg", "Reward accuracy");
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
