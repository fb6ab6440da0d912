package org.stepdpo.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A model folder that has only a chat template (ChatML, in tokenizer_config.json): enough for --template chat. */
public final class ChatModelFolder {

    /** What the template renders for a system message S and a user message U, with the generation prompt. */
    public static final String CHATML = "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\\\n' + m['content'] "
            + "+ '<|im_end|>\\\\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\\\n' }}{% endif %}";

    private ChatModelFolder() {
    }

    public static Path write(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("tokenizer_config.json"),
                    "{\"chat_template\": \"" + CHATML + "\", \"eos_token\": \"<|im_end|>\"}");
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
