package org.stepdpo.engine.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.stepdpo.engine.TorchLanguageModel;
import org.stepdpo.engine.checkpoint.RunFingerprint;
import org.stepdpo.engine.checkpoint.CheckpointException;
import org.stepdpo.engine.checkpoint.HfCheckpoint;
import org.stepdpo.engine.checkpoint.NonFiniteValues;
import org.stepdpo.engine.device.ComputeDevice;
import org.stepdpo.engine.device.DeviceChoice;
import org.stepdpo.engine.device.NativeTorch;
import org.stepdpo.engine.device.Precision;
import org.stepdpo.engine.model.CausalDecoder;
import org.stepdpo.engine.training.checkpoint.CheckpointStore;
import org.stepdpo.engine.training.data.ExampleEncoder;
import org.stepdpo.engine.training.data.ResponseEnd;
import org.stepdpo.engine.training.data.TokenizedExample;
import org.stepdpo.engine.training.distributed.C10dGroup;
import org.stepdpo.engine.training.distributed.DataParallel;
import org.stepdpo.engine.training.distributed.GradientBuckets;
import org.stepdpo.engine.training.distributed.OptimizerSharding;
import org.stepdpo.engine.training.distributed.Rendezvous;
import org.stepdpo.engine.training.lora.LoraAdapters;
import org.stepdpo.engine.training.loss.PreferenceLoss;
import org.stepdpo.engine.training.optim.AdamW;
import org.stepdpo.engine.training.optim.CosineSchedule;
import org.stepdpo.engine.training.optim.GradientClipping;
import org.stepdpo.engine.training.validation.BestModelStore;

/**
 * Step-DPO, DPO and SFT training of a Hugging Face model folder, full or LoRA, resumable.
 *
 * <p>Writes into {@code out}: {@code metrics.jsonl} (one line per optimiser step), {@code checkpoints/}
 * (see {@link CheckpointStore}), {@code final/} (the trained model, LoRA merged) and, with LoRA,
 * {@code adapter/} (PEFT layout). With {@link TrainingConfig#validation()} also {@code best/} (the best validated
 * weights, LoRA merged) and {@code best.json} (their step and score, and every validation; see
 * {@link BestModelStore}).
 *
 * <p>Data-parallel ({@link #run(TrainingConfig, TrainingData, Path, TrainingListener, Rendezvous)}): every rank holds
 * the whole model; an optimiser step reads a global batch of batch × accumulation × ranks examples, rank r taking
 * micro-batches r, r + W, ... of it; gradients are averaged over the ranks (in buckets) before clipping and the
 * optimiser step, so the ranks stay identical; metrics are summed over the ranks; rank 0 alone writes metrics,
 * checkpoints and the final model, and alone calls the listener and validates.
 */
public final class Trainer {

    public static final String METRICS = "metrics.jsonl";
    public static final String FINAL = "final";
    public static final String ADAPTER = "adapter";
    public static final String CHECKPOINTS = "checkpoints";
    private static final String WORLD_SIZE = "world_size";

    private Trainer() {
    }

    public static TrainingResult run(TrainingConfig config, TrainingData data, Path out, TrainingListener listener) {
        return run(config, data, out, listener, null);
    }

    /**
     * As above, as one rank of a data-parallel run when {@code rendezvous} is not null (CUDA: on cuda:LOCAL_RANK,
     * NCCL; CPU: gloo). Every rank gets the same result; only rank 0's listener hears of the run.
     */
    public static TrainingResult run(TrainingConfig config, TrainingData data, Path out, TrainingListener listener,
                                     Rendezvous rendezvous) {
        return run(config, data, out, listener, rendezvous, false);
    }

    /**
     * As above; {@code shardOptimizerState} keeps each parameter's AdamW moments on one rank only (ZeRO stage 1,
     * {@link OptimizerSharding}): the same steps, about 1/W of the optimiser memory per rank. Checkpoints hold the whole
     * state either way (gathered on rank 0 when saved), so a sharded run and an unsharded one resume each other.
     */
    public static TrainingResult run(TrainingConfig config, TrainingData data, Path out, TrainingListener listener,
                                     Rendezvous rendezvous, boolean shardOptimizerState) {
        NativeTorch.ensureLoaded();
        ComputeDevice device = DeviceChoice.parse(config.device()).resolve();
        if (rendezvous == null || rendezvous.worldSize() == 1) {
            return run(config, data, out, listener, device, DataParallel.single(), false);
        }
        if (device.isCuda()) {
            device = C10dGroup.deviceOfRank(rendezvous);
        }
        try (DataParallel group = C10dGroup.join(rendezvous, device, GradientBuckets.DEFAULT_CAP_BYTES)) {
            return run(config, data, out, group.isMain() ? listener : TrainingListener.NONE, device, group,
                    shardOptimizerState);
        }
    }

    private static TrainingResult run(TrainingConfig config, TrainingData data, Path out, TrainingListener listener,
                                      ComputeDevice device, DataParallel group, boolean shardOptimizerState) {
        long started = System.nanoTime();
        Autocast.check(device, config.bf16());
        Objective objective = config.objective();
        if (objective.isPreference() ? data.pairs().isEmpty() : data.sft().isEmpty()) {
            throw new IllegalArgumentException("objective " + objective + " needs "
                    + (objective.isPreference() ? "preference pairs" : "prompt/completion records") + "; " + data.source()
                    + " gave none");
        }
        CheckpointStore store = new CheckpointStore(out.resolve(CHECKPOINTS), config.keepCheckpoints());
        if (!config.resume() && !store.complete().isEmpty()) {
            throw new IllegalStateException(out + " already holds checkpoints of a run: resume it (--resume) or "
                    + "choose another output folder");
        }
        Optimization o = config.optimization();
        try (TorchLanguageModel lm = TorchLanguageModel.load(config.model(), new DeviceChoice(device.toString()),
                Precision.FP32)) {
            CausalDecoder policy = lm.decoder();
            List<Integer> eos = policy.config().eosTokenIds();
            boolean appendEos = config.appendEos() == null ? ExampleEncoder.defaultAppendEos(objective) : config.appendEos();
            ExampleEncoder encoder = new ExampleEncoder(lm.tokenizer(), data.format(), config.truncation(), appendEos,
                    ResponseEnd.tokenId(config.model(), lm.tokenizer(), eos));
            List<TokenizedExample> examples = objective.isPreference() ? encoder.encodePairs(data.pairs(), objective)
                    : encoder.encodeSft(data.sft());
            report(listener, data, encoder);
            int total = o.totalSteps(examples.size(), group.worldSize());
            CosineSchedule schedule = CosineSchedule.withWarmupRatio(o.learningRate(), total, o.warmupRatio());
            Session session = new Session(config, device, policy, examples, store, listener, group,
                    shardOptimizerState);
            try {
                session.prepare();
                ObjectNode fingerprint = fingerprint(config, data, examples.size(), total, group.worldSize());
                int start = session.resume(fingerprint);
                group.broadcastFromMain(session.trainable.values(), "the starting weights");
                LiveValidation validation = config.validation() == null || !group.isMain() ? null
                        : new LiveValidation(config.validation(),
                        start > 0 ? BestModelStore.reopen(out) : BestModelStore.fresh(out), lm, listener);
                listener.onStart(new TrainingPlan(objective, examples.size(), total, start, schedule.warmupSteps(),
                        session.trainable.values().stream().mapToLong(Tensor::numel).sum(), encoder.stats(),
                        data.skipped().size()));
                List<StepMetrics> ran = session.train(start, total, schedule, fingerprint, out.resolve(METRICS),
                        validation);
                Path finalDir = out.resolve(FINAL);
                Path adapterDir = group.isMain() ? session.saveFinal(lm, out, total)
                        : config.lora() == null ? null : out.resolve(ADAPTER);
                group.barrier("the end of training (rank 0 saving " + finalDir + ")");
                return new TrainingResult(out, finalDir, adapterDir, total, start, ran, encoder.stats(),
                        data.skipped().size(), (System.nanoTime() - started) / 1e9,
                        validation == null ? null : validation.store().best());
            } finally {
                session.close();
            }
        }
    }

    private static void report(TrainingListener listener, TrainingData data, ExampleEncoder encoder) {
        if (!data.skipped().isEmpty()) {
            listener.onMessage("skipped " + data.skipped().size() + " invalid record(s) of " + data.source()
                    + "; first: " + data.skipped().get(0));
        }
        var stats = encoder.stats();
        if (stats.promptsTruncated() > 0 || stats.responsesTruncated() > 0) {
            listener.onMessage("truncated " + stats.promptsTruncated() + " prompt(s) and " + stats.responsesTruncated()
                    + " response set(s) of " + stats.examples() + " examples to fit the length limits");
        }
    }

    /** What must be equal for a checkpoint to continue this run. */
    static ObjectNode fingerprint(TrainingConfig c, TrainingData data, int examples, int totalSteps) {
        return fingerprint(c, data, examples, totalSteps, 1);
    }

    static ObjectNode fingerprint(TrainingConfig c, TrainingData data, int examples, int totalSteps, int worldSize) {
        ObjectNode n = HfCheckpoint.json().createObjectNode();
        n.put("objective", c.objective().cliName());
        n.put("model", c.model().toAbsolutePath().normalize().toString());
        n.put("data", data.source());
        n.put("examples", examples);
        n.put("format", data.format().prompt() + "|" + data.format().responsePrefix());
        n.put("beta", c.beta());
        if (c.sftWeight() > 0) { // absent when 0, so checkpoints written before the option existed still resume
            n.put("sft_weight", c.sftWeight());
        }
        Optimization o = c.optimization();
        n.put("learning_rate", o.learningRate());
        n.put("weight_decay", o.weightDecay());
        n.put("warmup_ratio", o.warmupRatio());
        n.put("max_grad_norm", o.maxGradNorm());
        n.put("batch_size", o.batchSize());
        n.put("gradient_accumulation", o.gradientAccumulation());
        n.put("seed", o.seed());
        n.put("total_steps", totalSteps);
        n.put("max_length", c.truncation().maxLength());
        n.put("max_prompt_length", c.truncation().maxPromptLength());
        n.put("append_eos", String.valueOf(c.appendEos()));
        n.put("bf16", c.bf16());
        n.put("lora", c.lora() == null ? "none" : c.lora().toString());
        if (worldSize > 1) { // absent for one process, so checkpoints written before data parallelism still resume
            n.put(WORLD_SIZE, worldSize);
        }
        return n;
    }

    /** The live objects of one run. */
    private static final class Session implements AutoCloseable {
        final TrainingConfig config;
        final ComputeDevice device;
        final CausalDecoder policy;
        final List<TokenizedExample> examples;
        final CheckpointStore store;
        final TrainingListener listener;
        final Optimization o;
        final DataParallel group;
        final boolean sharded;
        Map<String, Integer> owners; // parameter -> the rank holding its optimiser state (ZeRO-1), or null
        LoraAdapters lora;
        CausalDecoder frozenReference;
        Map<String, Tensor> trainable;
        ObjectiveStep objective;
        AdamW optimizer;

        Session(TrainingConfig config, ComputeDevice device, CausalDecoder policy, List<TokenizedExample> examples,
                CheckpointStore store, TrainingListener listener, DataParallel group, boolean sharded) {
            this.group = group;
            this.sharded = sharded && group.worldSize() > 1;
            this.config = config;
            this.device = device;
            this.policy = policy;
            this.examples = examples;
            this.store = store;
            this.listener = listener;
            this.o = config.optimization();
        }

        void prepare() {
            ReferenceLogProbs reference = null;
            if (config.lora() != null) {
                lora = LoraAdapters.attach(policy, config.lora(), o.seed());
                trainable = lora.parameters();
                if (config.objective().isPreference()) {
                    LoraAdapters adapters = lora;
                    reference = ReferenceLogProbs.live(policy, device, config.bf16(), () -> adapters.setEnabled(false),
                            () -> adapters.setEnabled(true));
                }
            } else {
                if (config.objective().isPreference()) {
                    try (NoGradGuard noGrad = new NoGradGuard()) {
                        frozenReference = CausalDecoder.fromTensors(policy.config(), policy.stateDict(), device,
                                Precision.FP32, "reference copy of " + config.model());
                    }
                    reference = ReferenceLogProbs.live(frozenReference, device, config.bf16(), () -> { }, () -> { });
                }
                policy.requiresGrad(true);
                trainable = policy.stateDict();
            }
            if (reference != null && config.precomputeReference()) {
                listener.onMessage("computing reference log-probs of " + examples.size() + " examples in one pass");
                reference = ReferenceLogProbs.precomputed(examples, reference, o.batchSize(), device, group);
                if (frozenReference != null) {
                    frozenReference.close();
                    frozenReference = null;
                }
            }
            objective = config.objective().isPreference()
                    ? ObjectiveStep.preference(policy, reference, new PreferenceLoss(config.beta(), config.sftWeight()), device,
                            config.bf16(), config.activationCheckpointing())
                    : ObjectiveStep.sft(policy, device, config.bf16(), config.activationCheckpointing());
            if (sharded) {
                owners = OptimizerSharding.owners(trainable, group.worldSize());
                optimizer = new AdamW(trainable, AdamW.Options.defaults(o.weightDecay()),
                        name -> owners.get(name) == group.rank());
                listener.onMessage("optimiser state sharded over " + group.worldSize() + " ranks (ZeRO-1): "
                        + optimizer.stateBytes() / (1 << 20) + " MiB on rank 0 instead of "
                        + trainable.values().stream().mapToLong(t -> 2 * t.nbytes()).sum() / (1 << 20) + " MiB");
            } else {
                optimizer = new AdamW(trainable, AdamW.Options.defaults(o.weightDecay()));
            }
        }

        /** The tensors of {@code of} whose parameter rank {@code r} owns, in parameter order. */
        private List<Tensor> ownedBy(int r, Map<String, Tensor> of, java.util.function.Function<String, String> key) {
            List<Tensor> out = new ArrayList<>();
            owners.forEach((name, owner) -> {
                if (owner == r) {
                    out.add(of.get(key.apply(name)));
                }
            });
            return out;
        }

        /** The whole optimiser state on every rank: each owner sends its moments (ZeRO-1); else the live state. */
        private Map<String, Tensor> optimizerStateForCheckpoint(int step) {
            if (!sharded) {
                return optimizer.state();
            }
            Map<String, Tensor> all = optimizer.stateWithPlaceholders();
            for (int r = 0; r < group.worldSize(); r++) {
                List<Tensor> moments = new ArrayList<>(ownedBy(r, all, name -> "exp_avg." + name));
                moments.addAll(ownedBy(r, all, name -> "exp_avg_sq." + name));
                group.broadcastFrom(r, moments, "the optimiser state rank " + r + " holds, for the checkpoint of step "
                        + step);
            }
            return all;
        }

        /** Loads the newest checkpoint when resuming; returns the steps already done. */
        int resume(ObjectNode fingerprint) {
            if (!config.resume()) {
                return 0;
            }
            Optional<CheckpointStore.Saved> latest = store.latest();
            if (latest.isEmpty()) {
                listener.onMessage("starting at step 1 (nothing to resume in " + store.root() + ")");
                return 0;
            }
            CheckpointStore.Saved saved = latest.get();
            try {
                int savedWorld = saved.state().path("fingerprint").path(WORLD_SIZE).asInt(1);
                if (savedWorld != group.worldSize()) {
                    throw new IllegalStateException(saved.directory() + " was written by a run of " + savedWorld
                            + " rank(s); this one has " + group.worldSize() + ": resume it with the same number of ranks"
                            + " (its global batch, data order and step count depend on it)");
                }
                List<String> differences = RunFingerprint.differences(saved.state().path("fingerprint"), fingerprint);
                if (!differences.isEmpty()) {
                    throw new IllegalStateException(saved.directory() + " belongs to a different run: "
                            + String.join("; ", differences));
                }
                loadTrainable(saved.trainable(), saved.directory().toString());
                optimizer.load(saved.optimizer(), saved.state().path("optimizer_steps").asLong(),
                        saved.directory().toString());
                listener.onMessage("resumed from " + saved.directory() + " (step " + saved.step() + ")");
                return saved.step();
            } finally {
                saved.trainable().values().forEach(Tensor::close);
                saved.optimizer().values().forEach(Tensor::close);
            }
        }

        private void loadTrainable(Map<String, Tensor> saved, String source) {
            if (lora != null) {
                lora.load(saved, source);
                return;
            }
            if (!saved.keySet().equals(trainable.keySet())) {
                throw new CheckpointException(source + ": trained tensors do not match this model's");
            }
            try (NoGradGuard noGrad = new NoGradGuard()) {
                trainable.forEach((name, t) -> t.copy_(saved.get(name)));
            }
        }

        /** Steps {@code start + 1 .. total}; validation (when on) after each due step, before its checkpoint. */
        List<StepMetrics> train(int start, int total, CosineSchedule schedule, ObjectNode fingerprint, Path metricsFile,
                                LiveValidation validation) {
            List<StepMetrics> ran = new ArrayList<>();
            DataOrder order = new DataOrder(examples, o.seed());
            MemoryGauge memory = new MemoryGauge(device);
            if (lora != null) {
                lora.setTraining(true);
            }
            try (MetricsLog log = group.isMain() ? new MetricsLog(metricsFile, start) : null) {
                if (validation != null) {
                    validation.after(start, total, lora); // the starting weights (or those a resume starts from)
                }
                for (int step = start; step < total; step++) {
                    StepMetrics m = step(step, total, schedule, order, memory);
                    if (log != null) {
                        log.append(m);
                    }
                    ran.add(m);
                    listener.onStep(m);
                    int done = step + 1;
                    if (validation != null) {
                        validation.after(done, total, lora);
                    }
                    if ((config.checkpointEvery() > 0 && done % config.checkpointEvery() == 0) || done == total) {
                        try (PointerScope scope = new PointerScope()) {
                            Map<String, Tensor> optimizerState = optimizerStateForCheckpoint(done);
                            if (group.isMain()) {
                                Path dir = store.save(done, trainable, optimizerState,
                                        state(done, total, schedule, order, fingerprint));
                                listener.onCheckpoint(done, dir);
                            }
                        }
                    }
                }
            } finally {
                if (lora != null) {
                    lora.setTraining(false);
                }
            }
            return ran;
        }

        /**
         * The last step's weights have been through no forward pass yet; finite weights can still be absurd (lr 1e30
         * for two steps gave weights of 1e30 whose logits are NaN). One batch must give a finite loss before they are
         * saved as the final model (with gradients on, as activation checkpointing requires; nothing steps).
         */
        private void requireFiniteLoss(int total) {
            try (PointerScope scope = new PointerScope()) {
                List<TokenizedExample> batch = new DataOrder(examples, o.seed()).batch(0, o.batchSize());
                double loss = objective.forward(batch).loss().item_double();
                if (!Double.isFinite(loss)) {
                    throw diverged(total, "the trained weights give a loss of " + loss + " on the first batch (data lines "
                            + batch.stream().map(e -> String.valueOf(e.line())).toList() + "): not saved as "
                            + FINAL);
                }
            }
        }

        /** One optimiser step: gradient accumulation over micro-batches, clipping, AdamW at the schedule's lr. */
        private StepMetrics step(int step, int total, CosineSchedule schedule, DataOrder order, MemoryGauge memory) {
            long t0 = System.nanoTime();
            int accumulation = o.gradientAccumulation();
            int ranks = group.worldSize();
            long position = (long) step * o.globalBatch(ranks);
            optimizer.zeroGrad();
            double lossSum = 0;
            double chosen = 0;
            double rejected = 0;
            double chosenLogp = 0;
            double rejectedLogp = 0;
            int correct = 0;
            int pairs = 0;
            int rows = 0;
            long tokens = 0;
            String nonFiniteLoss = null;
            for (int m = 0; m < accumulation; m++) {
                try (PointerScope scope = new PointerScope()) {
                    // micro-batch m of this rank is micro-batch m * W + rank of the global batch
                    long micro = (long) m * ranks + group.rank();
                    List<TokenizedExample> batch = order.batch(position + micro * o.batchSize(), o.batchSize());
                    // dropout: a function of (seed, step, micro-batch), so resumes and any number of ranks agree
                    torch.manual_seed(o.seed() * 1_000_003L + step + micro * 1_000_000_007L);
                    ObjectiveStep.Result r = objective.forward(batch);
                    double loss = r.loss().item_double();
                    if (!Double.isFinite(loss)) {
                        nonFiniteLoss = "loss is " + loss + " at step " + (step + 1) + " (micro-batch " + (micro + 1)
                                + ", data lines " + batch.stream().map(e -> String.valueOf(e.line())).toList() + ")";
                        break;
                    }
                    r.backward(accumulation);
                    lossSum += loss;
                    chosen += r.chosenRewardSum();
                    rejected += r.rejectedRewardSum();
                    chosenLogp += r.chosenLogProbSum();
                    rejectedLogp += r.rejectedLogProbSum();
                    correct += r.correct();
                    pairs += r.pairs();
                    rows += batch.size();
                    tokens += r.tokens();
                }
            }
            // every rank learns of a non-finite loss anywhere before any gradient is exchanged, and all stop together
            double[] local = new double[8 + ranks];
            double[] sums = {lossSum, chosen, rejected, chosenLogp, rejectedLogp, correct, pairs, tokens};
            System.arraycopy(sums, 0, local, 0, sums.length);
            local[8 + group.rank()] = nonFiniteLoss == null ? 0 : 1; // one flag per rank
            double[] summed = group.sum(local, "the metrics of step " + (step + 1));
            if (nonFiniteLoss != null) {
                throw diverged(step + 1, nonFiniteLoss + (ranks > 1 ? " on rank " + group.rank() : ""));
            }
            List<Integer> failedRanks = new ArrayList<>();
            for (int r = 0; r < ranks; r++) {
                if (summed[8 + r] != 0) {
                    failedRanks.add(r);
                }
            }
            if (!failedRanks.isEmpty()) {
                throw diverged(step + 1, "the loss is not finite at step " + (step + 1) + " on rank(s) " + failedRanks
                        + " (their logs name the micro-batch)");
            }
            lossSum = summed[0];
            chosen = summed[1];
            rejected = summed[2];
            chosenLogp = summed[3];
            rejectedLogp = summed[4];
            correct = (int) summed[5];
            pairs = (int) summed[6];
            tokens = (long) summed[7];
            group.averageGradients(optimizer.parameters());
            double gradNorm = GradientClipping.clip(optimizer.parameters(), o.maxGradNorm());
            if (!Double.isFinite(gradNorm)) {
                throw diverged(step + 1, "gradient norm is " + gradNorm + " at step " + (step + 1));
            }
            double lr = schedule.lr(step);
            try {
                optimizer.step(lr);
            } catch (ArithmeticException e) {
                throw diverged(step + 1, "optimiser step " + (step + 1) + " cannot be taken: " + e.getMessage());
            }
            if (sharded) {
                for (int r = 0; r < ranks; r++) {
                    group.broadcastFrom(r, ownedBy(r, trainable, name -> name), "the parameters rank " + r
                            + " updated at step " + (step + 1));
                }
            }
            // a finite loss and gradient can still step the weights to ±Inf (lr 1e38): stop before they are saved
            String nonFinite = NonFiniteValues.describe(trainable);
            if (nonFinite != null) {
                throw diverged(step + 1, "the weights are no longer finite after optimiser step " + (step + 1)
                        + " (lr " + lr + "): " + nonFinite);
            }
            if (device.isCuda()) {
                torch.cuda_synchronize();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            boolean pref = pairs > 0;
            return new StepMetrics(step + 1, total, order.epochAt(position + o.globalBatch(ranks)),
                    lossSum / (accumulation * ranks),
                    pref ? (double) correct / pairs : null, pref ? (chosen - rejected) / pairs : null,
                    pref ? chosen / pairs : null, pref ? rejected / pairs : null,
                    pref ? chosenLogp / pairs : null, pref ? rejectedLogp / pairs : null,
                    lr, gradNorm, tokens / seconds, memory.peakMb(), seconds);
        }

        private TrainingDivergedException diverged(int step, String what) {
            List<Path> kept = store.complete();
            return new TrainingDivergedException(step, what + ": training stopped; "
                    + (kept.isEmpty() ? "no checkpoint was written before it"
                    : "the last good checkpoint is " + kept.get(kept.size() - 1)));
        }

        private ObjectNode state(int step, int total, CosineSchedule schedule, DataOrder order, ObjectNode fingerprint) {
            ObjectNode n = HfCheckpoint.json().createObjectNode();
            n.put("step", step);
            n.put("total_steps", total);
            n.put("examples_seen", (long) step * o.globalBatch(group.worldSize()));
            n.put("epoch", order.epochAt((long) step * o.globalBatch(group.worldSize())));
            n.put("optimizer_steps", optimizer.stepCount());
            ObjectNode s = n.putObject("scheduler");
            s.put("type", "cosine_with_warmup");
            s.put("peak_lr", schedule.peakLr());
            s.put("warmup_steps", schedule.warmupSteps());
            s.put("next_lr", step < total ? schedule.lr(step) : 0.0);
            ObjectNode rng = n.putObject("rng");
            rng.put("seed", o.seed());
            rng.put("data_order", "java.util.Random(seed + epoch) shuffle per epoch");
            rng.put("torch", "manual_seed(seed * 1000003 + step + micro_batch * 1000000007) before each micro-batch");
            n.set("fingerprint", fingerprint);
            return n;
        }

        /** OUT/final (and OUT/adapter with LoRA); returns the adapter folder or null. */
        Path saveFinal(TorchLanguageModel lm, Path out, int total) {
            requireFiniteLoss(total);
            Path adapterDir = null;
            if (lora != null) {
                adapterDir = out.resolve(ADAPTER);
                lora.savePeft(adapterDir, config.model().toAbsolutePath().normalize().toString());
                lora.mergeIntoBase();
                lora = null;
            } else {
                policy.requiresGrad(false);
            }
            lm.save(out.resolve(FINAL));
            return adapterDir;
        }

        @Override
        public void close() {
            if (lora != null) {
                lora.close();
            }
            if (frozenReference != null) {
                frozenReference.close();
            }
        }
    }
}
