package org.stepdpo.engine.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.engine.tokenizer.ByteLevelTokenizerFiles;
import org.stepdpo.engine.tokenizer.HfTokenizer;

/** Which token ends a response in training: the tokenizer's EOS first, config.json's first EOS otherwise. */
class ResponseEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTokenizersEosWinsOverTheFirstOfConfigsList(@TempDir Path dir) throws Exception {
        ByteLevelTokenizerFiles.write(dir);
        List<Integer> configEos = List.of(300, 256); // as a Llama 3.1 config: another end token listed first
        try (HfTokenizer tokenizer = HfTokenizer.load(dir)) {
            int eos = ByteLevelTokenizerFiles.END_OF_TEXT_ID;
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).as("eos_token as written").isEqualTo(eos);

            int a = tokenizer.tokenId("A");
            assertThat(a).isNotNegative().isNotEqualTo(eos);
            eosToken(dir, JSON.getNodeFactory().textNode("A"));
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).isEqualTo(a);
            eosToken(dir, JSON.createObjectNode().put("content", "A").put("special", true)); // an AddedToken
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).isEqualTo(a);

            // a name the vocabulary does not hold as one token, or none at all: config.json's first
            eosToken(dir, JSON.getNodeFactory().textNode("<|eot_id|>"));
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).isEqualTo(300);
            eosToken(dir, JSON.getNodeFactory().nullNode());
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).isEqualTo(300);
            Files.delete(dir.resolve(ResponseEnd.TOKENIZER_CONFIG));
            assertThat(ResponseEnd.tokenId(dir, tokenizer, configEos)).isEqualTo(300);
            assertThat(ResponseEnd.tokenId(dir, tokenizer, List.of())).isEqualTo(-1);
        }
    }

    private static void eosToken(Path dir, com.fasterxml.jackson.databind.JsonNode value) throws Exception {
        Path file = dir.resolve(ResponseEnd.TOKENIZER_CONFIG);
        ObjectNode config = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
        config.set("eos_token", value);
        JSON.writeValue(file.toFile(), config);
    }
}
