package org.stepdpo.data.arith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArithGeneratorTest {

    private final ArithGenerator generator = new ArithGenerator(ArithConfig.defaults());

    @Test
    void sameSeedSameProblemsOtherSeedOthers() {
        List<ArithProblem> a = generator.generate(ArithGenerator.Split.TEST, 50, 7);
        List<ArithProblem> b = generator.generate(ArithGenerator.Split.TEST, 50, 7);
        List<ArithProblem> c = generator.generate(ArithGenerator.Split.TEST, 50, 8);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void trainAndTestAreDisjointWhateverTheSeeds() {
        Set<String> test = new HashSet<>();
        for (ArithProblem p : generator.generate(ArithGenerator.Split.TEST, 300, 1)) {
            test.add(p.chain().encode());
        }
        for (long seed = 1; seed <= 3; seed++) {
            for (ArithProblem p : generator.generate(ArithGenerator.Split.TRAIN, 1000, seed)) {
                assertThat(test).doesNotContain(p.chain().encode());
                assertThat(generator.splitOf(p)).isEqualTo(ArithGenerator.Split.TRAIN);
            }
        }
    }

    @Test
    void problemsRespectTheConfiguredShape() {
        ArithConfig config = ArithConfig.fromOptions(Map.of("min_steps", "3", "max_steps", "4",
                "max_operand", "20", "max_value", "100", "ops", "+*"));
        for (ArithProblem p : new ArithGenerator(config).generate(ArithGenerator.Split.TRAIN, 200, 3)) {
            assertThat(p.chain().operations()).hasSizeBetween(3, 4);
            assertThat(p.chain().operations()).allSatisfy(o -> assertThat(o.op()).isIn(Op.ADD, Op.MUL));
            assertThat(p.chain().values()).allSatisfy(v -> assertThat(v).isBetween(0L, 100L));
            assertThat(p.chain().start()).isBetween(2L, 20L);
        }
    }

    @Test
    void goldSolutionIsInStepDpoFormatAndVerifies() {
        ArithProblem p = new ArithProblem("Ann", "She", "apples", Chain.parse("12 +7 -5 *2"),
                List.of(Verb.GETS, Verb.GIVES_AWAY, Verb.TIMES));
        assertThat(p.question()).isEqualTo("Ann has 12 apples. She gets 7 more. She gives away 5. "
                + "She ends up with 2 times as many. How many apples does Ann have now?");
        assertThat(p.solution()).isEqualTo("Let's think step by step.\nStep 1: 12+7=19.\n"
                + "Step 2: 19-5=14.\nStep 3: 14*2=28.\nThe answer is: 28");
        assertThat(p.chain().answer()).isEqualTo(28);
    }

    @Test
    void chainRoundTripsAndBadChainsAreNamed() {
        Chain chain = Chain.parse("3 *4 -2 +10");
        assertThat(Chain.parse(chain.encode())).isEqualTo(chain);
        assertThatThrownBy(() -> Chain.parse("3 /4")).hasMessageContaining("\"3 /4\"");
    }

    @Test
    void badConfigIsRejected() {
        assertThatThrownBy(() -> ArithConfig.fromOptions(Map.of("min_steps", "5", "max_steps", "3")))
                .hasMessageContaining("minSteps");
        assertThatThrownBy(() -> ArithConfig.fromOptions(Map.of("max_operand", "ten")))
                .hasMessageContaining("max_operand");
    }
}
