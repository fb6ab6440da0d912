package org.stepdpo.engine.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.stepdpo.engine.training.data.PromptFormat;
import org.stepdpo.engine.training.data.Truncation;
import org.stepdpo.engine.training.distributed.Rendezvous;
import org.stepdpo.engine.training.lora.LoraConfig;

/**
 * One rank of a data-parallel test run, in a JVM of its own (libtorch loads once per JVM): the rendezvous comes from
 * RANK / WORLD_SIZE / MASTER_ADDR / MASTER_PORT as torchrun sets them. Arguments: CASE MODEL DATA OUT BATCH
 * ACCUMULATION STEPS SAVE_EVERY RESUME TIMEOUT_SECONDS [SLOW_STEP_MILLIS].
 */
public final class DataParallelRank {

    private DataParallelRank() {
    }

    public static void main(String[] args) {
        TrainingConfig c = DataParallelRank.config(args[0], Path.of(args[1]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), Integer.parseInt(args[6])).withCheckpoints(Integer.parseInt(args[7]), 10)
                .withResume(Boolean.parseBoolean(args[8]));
        Duration timeout = Duration.ofSeconds(Long.parseLong(args[9]));
        long slow = args.length > 10 ? Long.parseLong(args[10]) : 0;
        Rendezvous r = Rendezvous.fromEnvironment(System.getenv(), timeout).orElse(null);
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                System.out.println("step " + m.step() + " loss " + m.loss());
                sleep(slow); // gives a test time to kill a rank between steps
            }

            @Override
            public void onMessage(String message) {
                System.out.println(message);
            }
        };
        try {
            Trainer.run(c, TrainingData.read(Path.of(args[2]), c.objective(), FORMAT, false), Path.of(args[3]),
                    listener, r, args[0].endsWith(ZERO1));
            System.out.println("rank-done");
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.out.flush();
            Runtime.getRuntime().halt(3);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static final PromptFormat FORMAT = new PromptFormat("Q{question}=", "");

    /** A case name ending so shards the optimiser state over the ranks (ZeRO-1). */
    static final String ZERO1 = "-zero1";

    /**
     * "step-dpo-lora": Step-DPO with LoRA (dropout on) and precomputed reference; "sft-full": full SFT; either with
     * {@link #ZERO1} appended: the same with the optimiser state sharded.
     */
    static TrainingConfig config(String name, Path model, int batch, int accumulation, int steps) {
        name = name.replace(ZERO1, "");
        Optimization o = Optimization.defaults().withLearningRate(3e-3).withSteps(steps).withBatch(batch, accumulation)
                .withWarmupRatio(0).withSeed(5);
        return switch (name) {
            case "step-dpo-lora" -> TrainingConfig.defaults(Objective.STEP_DPO, model).withBeta(0.5).withOptimization(o)
                    .withTruncation(new Truncation(64, 32))
                    .withLora(new LoraConfig(4, 8, 0.1, List.of("q_proj", "v_proj", "up_proj")))
                    .withPrecomputedReference(true);
            case "sft-full" -> TrainingConfig.defaults(Objective.SFT, model).withOptimization(o)
                    .withTruncation(new Truncation(64, 32));
            default -> throw new IllegalArgumentException("no test case " + name);
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
