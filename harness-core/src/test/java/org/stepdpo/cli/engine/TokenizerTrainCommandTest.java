package org.stepdpo.cli.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.data.arith.ArithConfig;
import org.stepdpo.data.arith.ArithGenerator;
import org.stepdpo.data.arith.ArithProblem;
import org.stepdpo.engine.tokenizer.HfTokenizer;
import picocli.CommandLine;

/** {@code stepdpo tokenizer train} on the arith task's train split, and what it saves over bytes. */
class TokenizerTrainCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void trainsOnTheArithTaskAndShortensItsSequences() throws Exception {
        List<ArithProblem> problems = new ArithGenerator(ArithConfig.defaults()).generate(ArithGenerator.Split.TRAIN, 2000, 0);
        Path corpus = dir.resolve("arith-train.jsonl");
        List<String> lines = new ArrayList<>();
        for (ArithProblem p : problems) {
            lines.add(JSON.writeValueAsString(Map.of("question", p.question(), "solution", p.solution(), "answer", 7)));
        }
        Files.write(corpus, lines);

        double bytesPerProblem = problems.stream()
                .mapToInt(p -> (p.question() + p.solution()).getBytes(StandardCharsets.UTF_8).length).average().orElseThrow();
        for (int vocab : new int[] {384, 512}) {
            Path out = dir.resolve("bpe-" + vocab);
            String printed = run("train", "--corpus", corpus.toString(), "--field", "question", "--field", "solution",
                    "--vocab-size", String.valueOf(vocab), "--out", out.toString());
            assertThat(printed).contains("trained on 4,000 texts").contains("wrote " + out.resolve("tokenizer.json"));
            try (HfTokenizer bpe = HfTokenizer.load(out)) {
                long tokens = 0;
                for (ArithProblem p : problems) {
                    int[] q = bpe.encode(p.question(), false);
                    int[] s = bpe.encode(p.solution(), false);
                    assertThat(bpe.decode(q)).isEqualTo(p.question());
                    assertThat(bpe.decode(s)).isEqualTo(p.solution());
                    tokens += q.length + s.length;
                }
                double perProblem = (double) tokens / problems.size();
                System.out.printf("arith train, 2000 problems: question+solution %.1f byte-level tokens, %.1f BPE tokens "
                        + "at vocab %d (%.2fx fewer)%n", bytesPerProblem, perProblem, vocab, bytesPerProblem / perProblem);
                assertThat(perProblem).isLessThan(0.6 * bytesPerProblem);
            }
        }
    }

    @Test
    void aMissingFieldIsAnErrorNamingTheFile() throws Exception {
        Path corpus = dir.resolve("c.jsonl");
        Files.writeString(corpus, "{\"question\":\"Ann has 3 apples.\"}\n");
        CommandLine cli = new CommandLine(new TokenizerCommand());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        cli.setErr(new java.io.PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("train", "--corpus", corpus.toString(), "--field", "solution", "--out", dir.resolve("t").toString());
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("c.jsonl: no record has the string field solution");
        assertThat(dir.resolve("t")).doesNotExist();
    }

    private static String run(String... args) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            int code = new CommandLine(new TokenizerCommand()).execute(args);
            assertThat(code).as("exit code of tokenizer %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        stdout.print(printed);
        return printed;
    }
}
