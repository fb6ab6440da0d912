package org.stepdpo.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.data.DatasetAdapter;
import org.stepdpo.data.Grade;
import org.stepdpo.data.Problem;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.generation.NativeGenerator;
import org.stepdpo.generation.SampleRequest;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.generation.Seeds;
import org.stepdpo.progress.ProgressBar;

/**
 * Headroom of a model: k answers per test problem at the data loop's sampling temperature, graded, giving pass@k
 * (some answer right) and maj@k (the most frequent answer right) beside the greedy accuracy. A model whose pass@k
 * is far above its greedy accuracy knows right answers it does not prefer: that is what preference training can
 * sharpen. Written to {@code headroom.json} in the model's evaluation folder.
 */
final class HeadroomEvaluation {

    static final String FILE = "headroom.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is sampled: model, problems, template and how. */
    record Request(Path model, String label, List<Problem> problems, DatasetAdapter adapter, PromptTemplate template,
                   SamplingSettings sampling, int k, long seed, String device) {
    }

    private HeadroomEvaluation() {
    }

    /** Samples, grades and writes {@code out/headroom.json}; an existing file is read instead (resume). */
    static Headroom run(Request r, Path out) {
        Path file = out.resolve(FILE);
        if (Files.isRegularFile(file)) {
            return read(file);
        }
        List<List<Grade>> grades = sampleAndGrade(r);
        Headroom h = Headroom.of(grades, r.sampling().temperature());
        write(file, h);
        return h;
    }

    /** grades.get(i).get(j): the j-th sample of problem i, graded. */
    private static List<List<Grade>> sampleAndGrade(Request r) {
        List<SampleRequest> requests = new ArrayList<>(r.problems().size() * r.k());
        for (Problem p : r.problems()) {
            String prompt = r.template().generationPrompt(p.question());
            for (int j = 0; j < r.k(); j++) {
                requests.add(new SampleRequest(prompt, Seeds.derive(r.seed(), "headroom", p.id(), j)));
            }
        }
        List<List<Grade>> grades = new ArrayList<>(r.problems().size());
        try (NativeGenerator generator = new NativeGenerator(TorchLanguageModel.load(r.model(),
                DeviceChoice.parse(r.device()), null), r.label(), true);
             ProgressBar bar = new ProgressBar("headroom " + r.label(), requests.size(), "samples")) {
            List<String> answers = Answers.of(generator, r.template(), requests, r.sampling(), bar::advance);
            for (int i = 0; i < r.problems().size(); i++) {
                List<Grade> ofProblem = new ArrayList<>(r.k());
                for (int j = 0; j < r.k(); j++) {
                    ofProblem.add(r.adapter().grade(r.problems().get(i), answers.get(i * r.k() + j)));
                }
                grades.add(ofProblem);
            }
        }
        return grades;
    }

    static Headroom read(Path file) {
        try {
            return JSON.readValue(file.toFile(), Headroom.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Headroom h) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), h);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
