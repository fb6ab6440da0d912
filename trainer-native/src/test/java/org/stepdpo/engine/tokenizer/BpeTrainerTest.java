package org.stepdpo.engine.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.model.ModelConfig;

class BpeTrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Text no corpus here contains: scripts, emoji, Unicode digits (Nd, Nl, No), whitespace runs, contractions. */
    static final List<String> UNICODE = List.of(
            "Übergröße – ∑ ≠ 😀 \\boxed{42}  ",
            "日本語のテキスト１２３と四五",
            "٣٤٥ + ½ = ² Ⅻ",
            "tabs\t\tand  spaces   \n\n end \u00a0 ",
            "can't won't I'll she's THEY'RE",
            "👩‍👩‍👧 e\u0301 \u200b zero-width",
            "Step 1: 12 × 3 = 36<|endoftext|>Step 2:<|endoftext|><|endoftext|>",
            "");

    static List<String> toy;
    static ByteLevelBpe trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainOnTheToyTask() {
        toy = toyCorpus(400, 7);
        trained = BpeTrainer.withVocabSize(320).train(toy);
    }

    @Test
    void trainsToTheTargetVocabularyAndWritesFilesDjlLoads() throws IOException {
        assertThat(trained.vocabSize()).isEqualTo(320);
        trained.write(dir);
        JsonNode root = JSON.readTree(dir.resolve("tokenizer.json").toFile());
        assertThat(root.at("/model/vocab").size()).isEqualTo(320);
        assertThat(root.at("/model/merges").size()).isEqualTo(trained.merges().size());
        assertThat(root.at("/model/merges/0").asText()).matches("\\S+ \\S+");
        assertThat(root.at("/pre_tokenizer/pretokenizers/0/individual_digits").asBoolean()).isTrue();
        assertThat(root.at("/added_tokens/0/content").asText()).isEqualTo("<|endoftext|>");
        assertThat(JSON.readTree(dir.resolve("tokenizer_config.json").toFile()).get("eos_token").asText())
                .isEqualTo("<|endoftext|>");
        assertThat(JSON.readTree(dir.resolve("special_tokens_map.json").toFile()).get("pad_token").asText())
                .isEqualTo("<|endoftext|>");

        try (HfTokenizer hf = HfTokenizer.load(dir)) {
            assertThat(hf.tokenId("<|endoftext|>")).isEqualTo(256);
            for (String text : concat(toy, UNICODE)) {
                int[] ids = hf.encode(text, true);
                assertThat(hf.decode(ids)).as("round trip of %s", text).isEqualTo(text.replace("<|endoftext|>", ""));
                assertThat(trained.encode(text, true)).as("Java encoder vs tokenizers on %s", text).containsExactly(ids);
                assertThat(trained.decode(ids)).isEqualTo(hf.decode(ids));
            }
            // Byte-level is one token per byte; merges shorten the words, digits and the spaces before numbers stay.
            long bytes = 0;
            long tokens = 0;
            for (String text : toy) {
                bytes += text.getBytes(StandardCharsets.UTF_8).length;
                tokens += hf.encode(text, false).length;
            }
            assertThat((double) tokens / bytes).isLessThan(0.6);
        }
    }

    @Test
    void numbersAreAlwaysSpelledDigitByDigit() {
        for (int id = 0; id < trained.vocabSize(); id++) {
            String token = trained.token(id);
            if (token.chars().anyMatch(Character::isDigit)) {
                assertThat(token).as("token %d", id).hasSize(1);
            }
        }
        int[] ids = trained.encode("Step 3: 120 + 75 = 195.", false);
        List<String> pieces = new ArrayList<>();
        for (int id : ids) {
            pieces.add(trained.token(id));
        }
        assertThat(pieces).containsSubsequence("1", "2", "0").containsSubsequence("1", "9", "5", ".");
    }

    @Test
    void sameCorpusInAnyOrderGivesTheSameTokenizer() {
        List<String> shuffled = new ArrayList<>(toy);
        Collections.shuffle(shuffled, new Random(3));
        ByteLevelBpe again = BpeTrainer.withVocabSize(320).train(shuffled);
        assertThat(again.merges()).isEqualTo(trained.merges());
    }

    @Test
    void tiesGoToTheSmallerPairOfIds() {
        // (a,b) and (c,d) are both seen twice: a (97) < c (99) merges first; then the once-seen pairs likewise.
        ByteLevelBpe bpe = new BpeTrainer(261, List.of(), 1).train(List.of("cdcd", "abab"));
        assertThat(bpe.merges()).containsExactly(
                new ByteLevelBpe.Merge('a', 'b', 257), new ByteLevelBpe.Merge('c', 'd', 258),
                new ByteLevelBpe.Merge(257, 257, 259), new ByteLevelBpe.Merge(258, 258, 260));
        assertThat(bpe.token(259)).isEqualTo("abab");
        assertThat(bpe.encode("abab cd", false)).containsExactly(259, ' ', 258);
    }

    @Test
    void stopsWhenNoPairIsFrequentEnough() {
        ByteLevelBpe bpe = BpeTrainer.withVocabSize(1000).train(List.of("aaaa xyz"));
        // Pieces "aaaa" and " xyz": only (a,a) is seen twice (overlaps count: a a a a has three, merges to aa aa).
        assertThat(bpe.merges()).containsExactly(new ByteLevelBpe.Merge('a', 'a', 257));
        assertThat(bpe.vocabSize()).isEqualTo(258);
    }

    @Test
    void incrementalCountsGiveTheMergesOfANaiveRecount() {
        Random random = new Random(11);
        List<String> texts = new ArrayList<>();
        String alphabet = "aab bca ccab.";
        for (int t = 0; t < 60; t++) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 5 + random.nextInt(40); i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(s.toString());
        }
        ByteLevelBpe fast = new BpeTrainer(340, List.of(), 1).train(texts);
        assertThat(fast.merges()).hasSizeGreaterThan(30).isEqualTo(naiveMerges(texts, 340));
    }

    @Test
    void specialTokensSplitTheCorpusAndKeepTheirIds() {
        ByteLevelBpe bpe = new BpeTrainer(300, List.of("<|pad|>", "<|endoftext|>"), 2)
                .train(List.of("xy<|pad|>xy<|endoftext|>xy"));
        assertThat(bpe.specialTokens()).containsExactly("<|endoftext|>", "<|pad|>");
        assertThat(bpe.encode("xy<|pad|>", false)).containsExactly(bpe.tokenId("xy"), 257);
        for (ByteLevelBpe.Merge m : bpe.merges()) {
            assertThat(bpe.token(m.result())).doesNotContain("|");
        }
        assertThatThrownBy(() -> new BpeTrainer(257, List.of("<|pad|>"), 2))
                .hasMessageContaining("below the 258 tokens");
    }

    @Test
    void modelInitTakesItsVocabularyFromTheTrainedTokenizer(@TempDir Path model) {
        trained.write(dir);
        ModelInitializer.Spec small = ModelInitializer.Spec.small(Architecture.QWEN2);
        ModelInitializer.Spec spec = new ModelInitializer.Spec(small.architecture(), 0, 32, 64, 1, 2, 1,
                small.ropeTheta(), small.rmsNormEps(), true, 0, dir.resolve("tokenizer.json"));
        ModelConfig config = ModelInitializer.initialize(spec, model);
        assertThat(config.vocabSize()).isEqualTo(320);
        assertThat(config.eosTokenIds()).containsExactly(256);
        assertThat(model.resolve("tokenizer.json")).hasSameTextualContentAs(dir.resolve("tokenizer.json"));
    }

    @Test
    void readsJsonlFieldsAndPlainText() throws IOException {
        Path jsonl = dir.resolve("c.jsonl");
        Files.writeString(jsonl, "{\"question\":\"q1\",\"id\":3,\"solution\":\"s1\"}\n\n{\"question\":\"q2\",\"note\":null}\n");
        assertThat(TrainingCorpus.read(jsonl, List.of())).containsExactly("q1", "s1", "q2");
        assertThat(TrainingCorpus.read(jsonl, List.of("solution"))).containsExactly("s1");
        assertThatThrownBy(() -> TrainingCorpus.read(jsonl, List.of("answer")))
                .hasMessageContaining("c.jsonl").hasMessageContaining("no record has the string field answer");
        assertThatThrownBy(() -> TrainingCorpus.read(jsonl, List.of("id")))
                .hasMessageContaining("c.jsonl:1").hasMessageContaining("expected a string");
        Files.writeString(jsonl, "{\"question\":\"q1\"}\n{oops\n");
        assertThatThrownBy(() -> TrainingCorpus.read(jsonl, List.of())).hasMessageContaining("c.jsonl:2: not JSON");
        Path txt = dir.resolve("c.txt");
        Files.writeString(txt, "line one\nline two\n");
        assertThat(TrainingCorpus.read(txt, List.of())).containsExactly("line one\nline two\n");
    }

    /** Word problems and step-by-step solutions shaped like the arith adapter's. */
    static List<String> toyCorpus(int problems, long seed) {
        String[][] people = {{"Ann", "She"}, {"Ben", "He"}, {"Cara", "She"}, {"Dan", "He"}};
        String[] items = {"apples", "books", "coins", "shells"};
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int p = 0; p < problems; p++) {
            String[] who = people[random.nextInt(people.length)];
            String item = items[random.nextInt(items.length)];
            long value = 2 + random.nextInt(40);
            StringBuilder q = new StringBuilder(who[0] + " has " + value + " " + item + ".");
            StringBuilder s = new StringBuilder("Let's think step by step.");
            int steps = 3 + random.nextInt(4);
            for (int k = 1; k <= steps; k++) {
                long operand = 1 + random.nextInt(20);
                long next;
                if (random.nextBoolean() || operand > value) {
                    q.append(' ').append(who[1]).append(" gets ").append(operand).append(" more.");
                    next = value + operand;
                    s.append("\nStep ").append(k).append(": ").append(value).append(" + ").append(operand);
                } else {
                    q.append(' ').append(who[1]).append(" gives away ").append(operand).append('.');
                    next = value - operand;
                    s.append("\nStep ").append(k).append(": ").append(value).append(" - ").append(operand);
                }
                s.append(" = ").append(next).append('.');
                value = next;
            }
            q.append(" How many ").append(item).append(" does ").append(who[0]).append(" have now?");
            s.append("\nThe answer is: ").append(value);
            texts.add(q.toString());
            texts.add(s.toString());
        }
        return texts;
    }

    /** Reference BPE: recount every pair of every piece before each merge. */
    static List<ByteLevelBpe.Merge> naiveMerges(List<String> texts, int vocabSize) {
        Map<String, Long> pieces = new HashMap<>();
        texts.forEach(t -> ByteLevelPreTokenizer.split(t, piece -> pieces.merge(piece, 1L, Long::sum)));
        List<int[]> words = new ArrayList<>();
        List<Long> freq = new ArrayList<>();
        pieces.forEach((piece, f) -> {
            byte[] b = piece.getBytes(StandardCharsets.UTF_8);
            int[] w = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                w[i] = b[i] & 0xFF;
            }
            words.add(w);
            freq.add(f);
        });
        List<String> tokens = new ArrayList<>();
        char[] table = ByteLevelTokenizerFiles.byteToChar();
        for (int b = 0; b < 256; b++) {
            tokens.add(String.valueOf(table[b]));
        }
        tokens.add("<|endoftext|>");
        List<ByteLevelBpe.Merge> merges = new ArrayList<>();
        while (tokens.size() < vocabSize) {
            Map<Long, Long> counts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] word = words.get(w);
                for (int i = 0; i + 1 < word.length; i++) {
                    counts.merge(ByteLevelBpe.pair(word[i], word[i + 1]), freq.get(w), Long::sum);
                }
            }
            long best = -1;
            long bestCount = 0;
            for (Map.Entry<Long, Long> e : counts.entrySet()) {
                if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
                    best = e.getKey();
                    bestCount = e.getValue();
                }
            }
            if (bestCount < 1) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            String text = tokens.get(left) + tokens.get(right);
            int result = tokens.indexOf(text);
            if (result < 0) {
                tokens.add(text);
                result = tokens.size() - 1;
            }
            ByteLevelBpe.Merge merge = new ByteLevelBpe.Merge(left, right, result);
            if (!merges.contains(merge)) {
                merges.add(merge);
            }
            for (int w = 0; w < words.size(); w++) {
                int[] merged = BpeTrainer.mergeWord(words.get(w), left, right, result);
                if (merged != null) {
                    words.set(w, merged);
                }
            }
        }
        return merges;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
