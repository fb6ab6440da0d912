package org.stepdpo.cli.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stepdpo.cli.ChatModelFolder;
import org.stepdpo.config.PromptTemplate;
import picocli.CommandLine;

/** {@code train --template chat-step} formats the training data with the --model folder's own chat template. */
class TrainCommandTemplateTest {

    @Test
    void chatTemplatesComeFromTheStartingModel(@TempDir Path dir) {
        Path model = ChatModelFolder.write(dir.resolve("model"));
        TrainCommand command = CommandLine.populateCommand(new TrainCommand(), "--objective", "step-dpo", "--model",
                model.toString(), "--data", "pairs.jsonl", "--out", dir.resolve("out").toString(), "--template", "chat-step");
        PromptTemplate t = command.promptTemplate();
        assertThat(t.prompt()).isEqualTo("<|im_start|>user\n{question}\nPlease reason step by step, and put your final "
                + "answer within \\boxed{}.<|im_end|>\n<|im_start|>assistant\n");
        assertThat(t.responsePrefix()).isEqualTo("Let's think step by step.\nStep 1: ");
    }
}
