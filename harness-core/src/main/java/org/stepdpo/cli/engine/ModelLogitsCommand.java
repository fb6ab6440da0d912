package org.stepdpo.cli.engine;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.stepdpo.cli.WithoutStorage;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.Precision;
import picocli.CommandLine.Command;
import org.stepdpo.cli.DeviceOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo model logits}: fp32 logits of a token sequence, for checks against other implementations. */
@WithoutStorage
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = "Write {\"logits\": [[...], ...]} (one row of vocab-size fp32 values per position) as JSON.")
public class ModelLogitsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "Hugging Face model folder (no tokenizer needed).")
    Path model;

    @Option(names = "--token-ids", required = true, split = ",", description = "Comma-separated token ids.")
    int[] tokenIds;

    @Option(names = "--out", required = true, description = "Output JSON file.")
    Path out;

    @Mixin
    DeviceOption device;

    @Override
    public Integer call() throws IOException {
        float[][] logits;
        try (TorchLanguageModel lm = TorchLanguageModel.load(model, DeviceChoice.parse(device.choice()), Precision.FP32)) {
            int vocab = lm.config().vocabSize();
            for (int id : tokenIds) {
                if (id < 0 || id >= vocab) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary [0, " + vocab + ")");
                }
            }
            logits = lm.logits(tokenIds);
        }
        try (JsonGenerator json = new JsonFactory().createGenerator(out.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("logits");
            for (float[] row : logits) {
                json.writeArray(toDoubles(row), 0, row.length);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        spec.commandLine().getOut().println("wrote " + logits.length + " x " + (logits.length == 0 ? 0 : logits[0].length) + " logits to " + out);
        return 0;
    }

    private static double[] toDoubles(float[] row) {
        double[] d = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            d[i] = row[i];
        }
        return d;
    }
}
