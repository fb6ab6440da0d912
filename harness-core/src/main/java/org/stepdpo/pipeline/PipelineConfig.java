package org.stepdpo.pipeline;

import java.nio.file.Path;
import java.util.Objects;
import org.stepdpo.config.PromptTemplate;
import org.stepdpo.generation.SamplingSettings;
import org.stepdpo.judges.JudgeChoice;

/**
 * One Step-DPO data iteration (paper section 3.2): what to sample from, how, how to judge, and where the
 * files go. The same config on the same folder resumes; a different one on a used folder is refused.
 *
 * @param dataset                the problems
 * @param template               how a problem becomes a prompt; its response prefix starts every answer
 * @param samplesPerProblem      k: answers sampled per problem for error collection
 * @param sampling               sampling of those answers (paper: temperature 0.8, top-p 0.95)
 * @param judge                  step localization
 * @param rectificationsPerError n: continuations sampled from the prefix before each first wrong step (paper: 20)
 * @param rectificationSampling  sampling of those continuations
 * @param pairRules              dedupe and limits for the pairs
 * @param seed                   run seed; every per-request seed derives from it and the request's identity
 * @param batchSize              requests handed to the generator (and solutions to the judge) at once; also the
 *                               most work a crash can lose
 * @param outDir                 the run folder
 */
public record PipelineConfig(DatasetSelection dataset, PromptTemplate template, int samplesPerProblem,
                             SamplingSettings sampling, JudgeChoice judge, int rectificationsPerError,
                             SamplingSettings rectificationSampling, PairRules pairRules, long seed, int batchSize,
                             Path outDir) {

    public PipelineConfig {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(rectificationSampling, "rectificationSampling");
        Objects.requireNonNull(pairRules, "pairRules");
        Objects.requireNonNull(outDir, "outDir");
        if (samplesPerProblem < 1 || rectificationsPerError < 1 || batchSize < 1) {
            throw new IllegalArgumentException("samplesPerProblem, rectificationsPerError and batchSize must be >= 1; got "
                    + samplesPerProblem + ", " + rectificationsPerError + ", " + batchSize);
        }
    }
}
