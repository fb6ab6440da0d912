package org.stepdpo.reports.runs;

/**
 * A run as harness-core starts it.
 *
 * @param kind           eval, pipeline or train
 * @param name           a human-readable label, e.g. "eval gsm8k qwen2-0.5b"
 * @param model          model name as shown on the leaderboard
 * @param benchmark      benchmark (adapter) name, a leaderboard column
 * @param suite          suite name from benchmarks-config, or null for an ad-hoc run
 * @param dataFile       data file the problems came from, or null (built-in data)
 * @param configJson     full configuration snapshot as a JSON object: model and its hash, prompt template text,
 *                       sampling parameters, seeds, project version, git commit...
 * @param projectVersion version of this project that produced the run
 * @param gitCommit      git commit of this project, or null when unknown
 * @param device         device description, e.g. "CPU (2 cores)" or "NVIDIA H100 80GB"
 * @param outputDir      folder holding the run's JSONL files
 */
public record NewRun(
        RunKind kind,
        String name,
        String model,
        String benchmark,
        String suite,
        String dataFile,
        String configJson,
        String projectVersion,
        String gitCommit,
        String device,
        String outputDir) {

    public NewRun {
        requireText(kind == null ? null : kind.name(), "kind");
        requireText(name, "name");
        requireText(model, "model");
        requireText(benchmark, "benchmark");
        requireText(configJson, "configJson");
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("NewRun." + field + " is required");
        }
    }
}
