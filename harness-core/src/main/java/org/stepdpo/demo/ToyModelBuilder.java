package org.stepdpo.demo;

import org.stepdpo.progress.TrainingProgress;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.Suite;
import org.stepdpo.config.SuiteKeys;
import org.stepdpo.config.suite.ModelInit;
import org.stepdpo.config.suite.SftSection;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;
import org.stepdpo.engine.tokenizer.BpeTrainer;
import org.stepdpo.engine.checkpoint.RunFingerprint;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.Optimization;
import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingConfig;
import org.stepdpo.engine.training.TrainingData;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.SftExample;
import org.stepdpo.pipeline.DatasetSelection;

/**
 * The suite's starting model when the project builds it: a byte-level BPE tokenizer trained on the train
 * split's prompts and gold solutions, a seeded Qwen2-family model, then SFT on the gold solutions.
 *
 * <p>Cached under {@code <cacheRoot>/sft-<hash>}, the hash covering everything that determines the model (the
 * suite's dataset, model and template sections, and the seed), so later runs reuse it. Each part is written
 * once; an interrupted SFT resumes from its newest checkpoint; {@code ready.json} marks a finished model.
 */
public final class ToyModelBuilder {

    static final String READY = "ready.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** A built model: its folder and whether it came from the cache. */
    public record Built(Path model, Path cacheDir, boolean cached) {
    }

    private final Path cacheRoot;
    private final PrintStream log;

    public ToyModelBuilder(Path cacheRoot, PrintStream log) {
        this.cacheRoot = cacheRoot;
        this.log = log;
    }

    /** The cache folder of this suite and seed (whether or not the model is built yet). */
    public Path cacheDir(Suite suite, PromptTemplate template, long seed) {
        return cacheRoot.resolve("sft-" + key(suite, template, seed));
    }

    public Built build(Suite suite, PromptTemplate template, long seed, TrainingProgress progress) {
        if (!suite.model().isBuiltHere()) {
            throw new IllegalArgumentException("suite " + suite.name() + " names a model folder (" + suite.model().path()
                    + "); the demo builds its own model and needs model.init / tokenizer / sft sections instead");
        }
        Path dir = cacheDir(suite, template, seed);
        Path finalModel = dir.resolve("sft").resolve(Trainer.FINAL);
        if (Files.isRegularFile(dir.resolve(READY)) && Files.isDirectory(finalModel)) {
            log.println("SFT model from the cache: " + finalModel);
            return new Built(finalModel, dir, true);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("recipe.json"), JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(recipe(suite, template, seed)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model cache " + dir + ": " + e.getMessage(), e);
        }
        DatasetSelection train = DemoData.train(suite, seed);
        List<Problem> problems = DemoData.load(train);
        List<String> solutions = SftSolutions.write(suite, problems, seed);
        Path tokenizer = tokenizer(suite, template, problems, solutions, dir.resolve("tokenizer"));
        Path init = initialModel(suite, seed, tokenizer, dir.resolve("init"));
        sft(suite, template, seed, problems, solutions, init, dir.resolve("sft"), progress);
        try {
            Files.writeString(dir.resolve(READY), "{\"model\": " + JSON.writeValueAsString(finalModel.toString()) + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(READY) + ": " + e.getMessage(), e);
        }
        return new Built(finalModel, dir, false);
    }

    private Path tokenizer(Suite suite, PromptTemplate template, List<Problem> problems, List<String> solutions,
                           Path dir) {
        if (Files.isRegularFile(dir.resolve("tokenizer.json"))) {
            return dir;
        }
        int vocab = suite.model().tokenizer().bpeVocabSize();
        List<String> texts = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            texts.add(template.prompt(problems.get(i).question()) + solutions.get(i));
        }
        log.printf("tokenizer: byte-level BPE, %d tokens, from %d solutions%n", vocab, texts.size());
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        deleteTree(tmp);
        BpeTrainer.withVocabSize(vocab).train(texts).write(tmp);
        moveInto(tmp, dir);
        return dir;
    }

    private Path initialModel(Suite suite, long seed, Path tokenizer, Path dir) {
        if (Files.isRegularFile(dir.resolve("config.json"))) {
            return dir;
        }
        ModelInit init = suite.model().init();
        Architecture arch = Architecture.fromModelType(init.arch().toLowerCase(Locale.ROOT));
        ModelInitializer.Spec spec = new ModelInitializer.Spec(arch, init.vocabSize(), init.hidden(),
                init.intermediate(), init.layers(), init.heads(), init.kvHeads(), init.ropeTheta(), init.rmsNormEps(),
                true, seed, tokenizer.resolve("tokenizer.json"));
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        deleteTree(tmp);
        ModelInitializer.initialize(spec, tmp);
        moveInto(tmp, dir);
        return dir;
    }

    private void sft(Suite suite, PromptTemplate template, long seed, List<Problem> problems, List<String> solutions,
                     Path init, Path out, TrainingProgress progress) {
        SftSection sft = suite.model().sft();
        Optimization o = new Optimization(sft.lr(), sft.weightDecay(), sft.warmupRatio(), sft.maxGradNorm(),
                sft.epochs(), sft.steps(), sft.batch(), 1, seed);
        TrainingConfig config = TrainingConfig.defaults(Objective.SFT, init).withOptimization(o)
                .withCheckpoints(sft.saveEvery(), 1).withResume(true);
        List<SftExample> examples = new ArrayList<>(problems.size());
        for (int i = 0; i < problems.size(); i++) {
            Problem p = problems.get(i);
            examples.add(new SftExample(p.index() + 1, p.question(), solutions.get(i), Map.of()));
        }
        TrainingData data = TrainingData.sft("gold solutions of " + suite.dataset().train(),
                new PromptFormat(template.prompt(), template.responsePrefix()), examples);
        Trainer.run(config, data, out, progress.named("sft"));
    }

    /** What determines the model; its hash names the cache folder. */
    static ObjectNode recipe(Suite suite, PromptTemplate template, long seed) {
        ObjectNode n = JSON.createObjectNode();
        n.set("dataset", SuiteKeys.tree(suite.dataset()));
        n.set("model", SuiteKeys.tree(suite.model()));
        n.set("template", JSON.valueToTree(template));
        n.put("seed", seed);
        return n;
    }

    static String key(Suite suite, PromptTemplate template, long seed) {
        return RunFingerprint.sha256(recipe(suite, template, seed)).substring(0, 16);
    }

    private static void moveInto(Path tmp, Path dir) {
        try {
            deleteTree(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + tmp + " to " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
