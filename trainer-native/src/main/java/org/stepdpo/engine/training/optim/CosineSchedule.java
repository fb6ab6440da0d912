package org.stepdpo.engine.training.optim;

/**
 * Linear warm-up then cosine decay to zero, as transformers' get_cosine_schedule_with_warmup: for the
 * 0-based optimizer step s, lr(s) = peak·s/w during warm-up, then peak·½(1 + cos(π·(s − w)/(n − w))).
 * Warm-up steps w = ⌈ratio·n⌉ as TrainingArguments computes them.
 */
public record CosineSchedule(double peakLr, int totalSteps, int warmupSteps) {

    public CosineSchedule {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException("schedule needs 0 <= warm-up (" + warmupSteps + ") <= steps ("
                    + totalSteps + ") and at least one step");
        }
    }

    public static CosineSchedule withWarmupRatio(double peakLr, int totalSteps, double warmupRatio) {
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("warm-up ratio must be in [0, 1], got " + warmupRatio);
        }
        return new CosineSchedule(peakLr, totalSteps, (int) Math.ceil(warmupRatio * totalSteps));
    }

    public double lr(int step) {
        if (step < warmupSteps) {
            return peakLr * step / Math.max(1, warmupSteps);
        }
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return peakLr * Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
    }
}
