package org.stepdpo.cli.training;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.config.PromptTemplates;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.training.Objective;
import org.stepdpo.engine.training.Optimization;
import org.stepdpo.engine.training.Trainer;
import org.stepdpo.engine.training.TrainingConfig;
import org.stepdpo.engine.training.TrainingData;
import org.stepdpo.engine.training.TrainingListener;
import org.stepdpo.engine.training.distributed.Rendezvous;
import org.stepdpo.engine.training.TrainingResult;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.lora.LoraConfig;
import org.stepdpo.evaluation.ModelNames;
import org.stepdpo.evaluation.Provenance;
import org.stepdpo.progress.TrainingProgress;
import org.stepdpo.training.TrainingRunRecorder;
import org.stepdpo.training.TrainingRuns;
import org.stepdpo.reports.runs.NewRun;
import org.stepdpo.reports.runs.RunKind;
import org.stepdpo.reports.runs.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.stepdpo.cli.DeviceOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stepdpo train}: Step-DPO, DPO or SFT on the native engine, full or LoRA, resumable. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a Hugging Face Qwen2, Qwen3, Llama or Mistral model with Step-DPO, DPO or SFT on libtorch.",
                "Writes OUT/metrics.jsonl (one line per optimiser step), OUT/checkpoints/step-N (resumable), "
                        + "OUT/final (the model, LoRA merged) and with LoRA OUT/adapter (PEFT layout).",
                "Data: pairs JSONL in the Math-Step-DPO-10K schema (step-dpo: prompt, initial_reason_steps, chosen, "
                        + "rejected; dpo: prompt, full_chosen, full_rejected), or prompt/completion JSONL (sft)."})
public class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Inject
    RunStore store;

    @Option(names = "--objective", required = true, description = "step-dpo, dpo or sft.")
    String objective;

    @Option(names = "--model", required = true, description = "Starting model folder (also the reference model).")
    Path model;

    @Option(names = "--data", required = true, description = "Training JSONL file.")
    Path data;

    @Option(names = "--out", required = true, description = "Run folder.")
    Path out;

    @Option(names = "--template", defaultValue = "step", description = "Prompt template name (default: ${DEFAULT-VALUE}); "
            + "chat, chat-boxed, chat-step: the --model folder's own chat template.")
    String template;

    @Option(names = "--templates", description = "YAML file adding or overriding prompt templates.")
    Path templates;

    @Mixin
    DeviceOption device;

    @Option(names = "--bf16", description = "bf16 autocast (CUDA only; fp32 master weights).")
    boolean bf16;

    @Option(names = "--beta", defaultValue = "0.4", description = "β of the preference loss (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--sft-weight", defaultValue = "0", description = "Weight α of an SFT term on the chosen "
            + "continuation added to the preference loss (mean token NLL, as RPO); 0 = the paper's loss "
            + "(default: ${DEFAULT-VALUE}).")
    double sftWeight;

    @Option(names = "--lr", defaultValue = "5e-7", description = "Peak learning rate (default: ${DEFAULT-VALUE}, the paper's for 7B; small models need more).")
    double lr;

    @Option(names = "--weight-decay", defaultValue = "0", description = "AdamW weight decay, never on norms and biases (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--warmup-ratio", defaultValue = "0.1", description = "Default: ${DEFAULT-VALUE}.")
    double warmupRatio;

    @Option(names = "--max-grad-norm", defaultValue = "1.0", description = "Gradient clipping, 0 = off (default: ${DEFAULT-VALUE}).")
    double maxGradNorm;

    @Option(names = "--epochs", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    double epochs;

    @Option(names = "--max-steps", defaultValue = "0", description = "Optimiser steps; 0 = from --epochs (default: ${DEFAULT-VALUE}).")
    int maxSteps;

    @Option(names = "--batch-size", defaultValue = "4", description = "Examples per micro-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--grad-accum", defaultValue = "1", description = "Micro-batches per optimiser step (default: ${DEFAULT-VALUE}).")
    int gradAccum;

    @Option(names = "--seed", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--max-length", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}.")
    int maxLength;

    @Option(names = "--max-prompt-length", defaultValue = "512", description = "Default: ${DEFAULT-VALUE}.")
    int maxPromptLength;

    @Option(names = "--append-eos", negatable = true, description = "End continuations with EOS (default: yes for dpo/sft, no for step-dpo).")
    Boolean appendEos;

    @Option(names = "--lora-rank", defaultValue = "0", description = "LoRA rank; 0 = full fine-tuning (default: ${DEFAULT-VALUE}).")
    int loraRank;

    @Option(names = "--lora-alpha", description = "LoRA alpha (default: 2 × rank).")
    Double loraAlpha;

    @Option(names = "--lora-dropout", defaultValue = "0.05", description = "Default: ${DEFAULT-VALUE}.")
    double loraDropout;

    @Option(names = "--lora-targets", split = ",", description = "Projections (default: q_proj,k_proj,v_proj,o_proj).")
    List<String> loraTargets = new ArrayList<>(LoraConfig.DEFAULT_TARGETS);

    @Option(names = "--precompute-reference", description = "Compute reference log-probs once before training.")
    boolean precomputeReference;

    @Option(names = "--activation-checkpointing", description = "Recompute each layer in the backward pass instead of "
            + "keeping its activations: less memory for about one more forward, same results.")
    boolean activationCheckpointing;

    @Option(names = "--save-every", defaultValue = "100", description = "Checkpoint every N steps, 0 = at the end only (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--keep-checkpoints", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}.")
    int keepCheckpoints;

    @Option(names = "--skip-invalid", description = "Skip (and count) invalid records instead of failing.")
    boolean skipInvalid;

    @Option(names = "--resume", description = "Continue from the newest checkpoint in --out.")
    boolean resume;

    @Option(names = "--nproc-per-node", defaultValue = "1", description = "Data-parallel ranks to start on this machine, "
            + "one process each (gloo on the CPU, NCCL on cuda:LOCAL_RANK); --batch-size is per rank, so a step reads "
            + "batch × grad-accum × ranks examples. Several machines: launch `stepdpo train` once per rank with "
            + "torchrun's or Slurm's variables (README) (default: ${DEFAULT-VALUE}).")
    int nprocPerNode;

    @Option(names = "--shard-optimizer-state", description = "With several ranks: keep each parameter's AdamW moments "
            + "on one rank only (ZeRO stage 1), about 1/ranks of the optimiser memory per rank, the same steps; "
            + "checkpoints still hold the whole state.")
    boolean shardOptimizerState;

    @Option(names = "--dist-timeout", defaultValue = "1800", description = "Seconds a rank waits for the others in a "
            + "collective before the run stops naming the rank that did not answer (default: ${DEFAULT-VALUE}).")
    int distTimeout;

    @Override
    public Integer call() throws Exception {
        Objective obj = Objective.parse(objective);
        Rendezvous rendezvous = Rendezvous.fromEnvironment(System.getenv(), Duration.ofSeconds(distTimeout)).orElse(null);
        if (nprocPerNode > 1) {
            if (rendezvous != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--nproc-per-node starts the ranks itself; "
                        + "this process is already " + rendezvous + " (RANK/WORLD_SIZE or SLURM_NTASKS are set)");
            }
            return LocalRanks.run(LocalRanks.selfCommand(spec), nprocPerNode, out.resolve("logs"), spec.commandLine().getOut(),
                    System.err, Duration.ofSeconds(distTimeout + 30L));
        }
        PromptTemplate t = promptTemplate();
        TrainingConfig config = config();
        TrainingData records = records(t);
        if (rendezvous != null && rendezvous.rank() > 0) {
            // only rank 0 records the run and reports progress; the others train and leave when it has saved
            Trainer.run(config, records, out, TrainingListener.NONE, rendezvous, shardOptimizerState);
            return 0;
        }
        if (rendezvous != null) {
            boolean cuda = DeviceChoice.parse(config.device()).resolve().isCuda(); // "auto" resolved, as the group is
            spec.commandLine().getOut().println("data-parallel: " + rendezvous.worldSize() + " ranks, "
                    + (cuda ? "NCCL" : "gloo") + ", store " + rendezvous.host() + ":" + rendezvous.port()
                    + "; global batch " + config.optimization().globalBatch(rendezvous.worldSize()));
        }
        TrainingRuns.Opened opened = TrainingRuns.open(store, new NewRun(RunKind.TRAIN,
                "train " + obj + " " + model.getFileName(), ModelNames.of(model), obj.toString(), null,
                data.toString(), provenance(config, t), Provenance.projectVersion(), Provenance.gitCommit(),
                Provenance.device(device.choice()), out.toAbsolutePath().toString()), resume);
        long runId = opened.runId();
        spec.commandLine().getOut().println((opened.continued() ? "continuing stored run " : "storing as run ") + runId);
        TrainingProgress.Listener progress = new TrainingProgress(System.err).named(obj.cliName());
        TrainingRunRecorder recorder = new TrainingRunRecorder(store, runId, progress);
        TrainingResult result;
        try {
            result = Trainer.run(config, records, out, recorder, rendezvous, shardOptimizerState);
            recorder.flush();
            store.finishRun(runId);
        } catch (RuntimeException e) {
            recorder.flush();
            store.failRun(runId, e.toString());
            throw e;
        } finally {
            progress.close();
        }
        spec.commandLine().getOut().printf("trained %s for %d steps (%d this run); final loss %.4f%n", obj, result.steps(),
                result.metrics().size(), result.finalLoss());
        if (result.skippedRecords() > 0) {
            spec.commandLine().getOut().printf("skipped %d invalid record(s)%n", result.skippedRecords());
        }
        spec.commandLine().getOut().printf("truncated: %d prompts, %d response sets of %d examples%n",
                result.truncation().promptsTruncated(), result.truncation().responsesTruncated(),
                result.truncation().examples());
        spec.commandLine().getOut().println("metrics  " + out.resolve(Trainer.METRICS));
        spec.commandLine().getOut().println("model    " + result.finalModel());
        if (result.adapter() != null) {
            spec.commandLine().getOut().println("adapter  " + result.adapter());
        }
        return 0;
    }

    PromptTemplate promptTemplate() {
        PromptTemplates registry = templates == null ? PromptTemplates.builtin() : PromptTemplates.builtin().with(templates);
        return registry.get(template, model);
    }

    /** The options as the trainer's configuration. */
    TrainingConfig config() {
        return new TrainingConfig(Objective.parse(objective), model, device.choice(), bf16, beta,
                new Optimization(lr, weightDecay, warmupRatio, maxGradNorm, epochs, maxSteps, batchSize, gradAccum, seed),
                new Truncation(maxLength, maxPromptLength), appendEos,
                loraRank > 0 ? new LoraConfig(loraRank, loraAlpha == null ? 2.0 * loraRank : loraAlpha, loraDropout,
                        loraTargets) : null,
                precomputeReference, saveEvery, keepCheckpoints, resume, activationCheckpointing, sftWeight,
                null);
    }

    TrainingData records(PromptTemplate t) {
        return TrainingData.read(data, Objective.parse(objective), new PromptFormat(t.prompt(), t.responsePrefix()),
                skipInvalid);
    }

    /** What produced this run: the hyper-parameters, the prompt template text, and the hashes of data and weights. */
    private String provenance(TrainingConfig config, PromptTemplate t) {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("data", data);
        try (Stream<Path> files = Files.list(model)) {
            files.filter(f -> f.getFileName().toString().endsWith(".safetensors")).sorted()
                    .forEach(f -> inputs.put("model/" + f.getFileName(), f));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list model folder " + model + ": " + e.getMessage(), e);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("training", config.toString());
        settings.put("template", Map.of("name", t.name(), "prompt", t.prompt(), "response_prefix", t.responsePrefix()));
        return Provenance.describeJson(Provenance.commandLine(), inputs, settings);
    }
}
