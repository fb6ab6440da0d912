package org.stepdpo.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stepdpo.config.suite.ModelInit;
import org.stepdpo.engine.ModelInitializer;
import org.stepdpo.engine.model.Architecture;

/** A suite's {@code model.init} without keys is the engine's small shape, as its javadoc says. */
class ModelInitDefaultsTest {

    @Test
    void theSuiteDefaultsAreTheEnginesSmallShape() {
        ModelInit d = ModelInit.DEFAULTS;
        ModelInitializer.Spec small = ModelInitializer.Spec.small(Architecture.fromModelType(d.arch()));
        assertThat(new int[] {d.vocabSize(), d.hidden(), d.intermediate(), d.layers(), d.heads(), d.kvHeads()})
                .containsExactly(small.vocabSize(), small.hiddenSize(), small.intermediateSize(), small.layers(),
                        small.heads(), small.kvHeads());
        assertThat(d.ropeTheta()).isEqualTo(small.ropeTheta());
        assertThat(d.rmsNormEps()).isEqualTo(small.rmsNormEps());
    }
}
