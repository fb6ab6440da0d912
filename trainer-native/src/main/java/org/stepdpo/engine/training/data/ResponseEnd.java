package org.stepdpo.engine.training.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.tokenizer.TextTokenizer;

/**
 * The token training appends after each response: the tokenizer's {@code eos_token} (tokenizer_config.json), as TRL
 * appends {@code tokenizer.eos_token_id}, else the first of config.json's EOS ids. They differ where it matters: a
 * Llama 3.1 Instruct config lists {@code <|end_of_text|>} first, while its tokenizer's EOS is {@code <|eot_id|>}, the
 * token that ends an assistant turn in its chat format.
 */
public final class ResponseEnd {

    static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private ResponseEnd() {
    }

    /** The token id, or -1 when neither file names one. */
    public static int tokenId(Path modelDir, TextTokenizer tokenizer, List<Integer> configEos) {
        int fromConfig = configEos.isEmpty() ? -1 : configEos.get(0);
        Path file = modelDir.resolve(TOKENIZER_CONFIG);
        if (!Files.isRegularFile(file)) {
            return fromConfig;
        }
        JsonNode eos = HfCheckpoint.readJson(file).get("eos_token");
        // a string, or an AddedToken object with its text under "content"
        String token = eos == null || eos.isNull() ? null : eos.isObject() ? eos.path("content").asText(null) : eos.asText();
        if (token == null || token.isEmpty()) {
            return fromConfig;
        }
        int id = tokenizer.tokenId(token);
        return id >= 0 ? id : fromConfig; // a name the vocabulary does not hold as one token: config.json decides
    }
}
