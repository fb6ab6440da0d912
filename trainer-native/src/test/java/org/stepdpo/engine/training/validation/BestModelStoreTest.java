package org.stepdpo.engine.training.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The best folder and best.json of a run, including the states a kill can leave between their writes. */
class BestModelStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    /** Stands for the live weights of a step: one file naming the step. */
    private static Consumer<Path> weightsOf(int step) {
        return dir -> {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("weights.txt"), "step " + step);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private String bestWeights() throws IOException {
        return Files.readString(out.resolve(BestModelStore.FOLDER).resolve("weights.txt"));
    }

    @Test
    void keepsTheHighestScoreAndOnATieTheEarlierStep() throws Exception {
        BestModelStore store = BestModelStore.fresh(out);
        assertThat(store.best()).isNull();
        assertThat(store.record(new ValidationPoint(0, 0.4), weightsOf(0))).isTrue();
        assertThat(store.record(new ValidationPoint(10, 0.4), weightsOf(10))).as("a tie keeps the earlier step").isFalse();
        assertThat(store.record(new ValidationPoint(20, 0.6), weightsOf(20))).isTrue();
        assertThat(store.record(new ValidationPoint(30, 0.5), weightsOf(30))).isFalse();

        assertThat(store.best().step()).isEqualTo(20);
        assertThat(store.best().score()).isEqualTo(0.6);
        assertThat(bestWeights()).isEqualTo("step 20");
        var summary = JSON.readTree(out.resolve(BestModelStore.SUMMARY).toFile());
        assertThat(summary.get("step").asInt()).isEqualTo(20);
        assertThat(summary.get("score").asDouble()).isEqualTo(0.6);
        assertThat(summary.get("history").toString()).isEqualTo("[{\"step\":0,\"score\":0.4},{\"step\":10,\"score\":0.4},"
                + "{\"step\":20,\"score\":0.6},{\"step\":30,\"score\":0.5}]");
        assertThat(out.resolve(BestModelStore.FOLDER).resolve(BestModelStore.MARKER)).exists();
        assertThat(out.resolve(BestModelStore.PARTIAL)).doesNotExist();
        assertThat(out.resolve(BestModelStore.PREVIOUS)).doesNotExist();
        assertThatThrownBy(() -> store.record(new ValidationPoint(20, 0.9), weightsOf(20)))
                .hasMessageContaining("step 20 is validated already");

        BestModelStore again = BestModelStore.reopen(out);
        assertThat(again.history()).isEqualTo(store.history());
        assertThat(again.best()).isEqualTo(store.best());
        assertThat(again.has(30)).isTrue();
        assertThat(again.has(40)).isFalse();
    }

    @Test
    void aFreshRunForgetsTheValidationsOfAnEarlierRun() {
        BestModelStore.fresh(out).record(new ValidationPoint(0, 0.5), weightsOf(0));
        BestModelStore store = BestModelStore.fresh(out);
        assertThat(store.history()).isEmpty();
        assertThat(out.resolve(BestModelStore.FOLDER)).doesNotExist();
        assertThat(out.resolve(BestModelStore.SUMMARY)).doesNotExist();
    }

    @Test
    void aKillWhileWritingTheWeightsKeepsTheOldBest() throws Exception {
        BestModelStore store = BestModelStore.fresh(out);
        store.record(new ValidationPoint(0, 0.3), weightsOf(0));
        assertThatThrownBy(() -> store.record(new ValidationPoint(5, 0.8), weightsOf(5).andThen(dir -> {
            throw new IllegalStateException("killed");
        }))).hasMessage("killed");
        assertThat(out.resolve(BestModelStore.PARTIAL)).exists();

        BestModelStore reopened = BestModelStore.reopen(out);
        assertThat(reopened.history()).containsExactly(new ValidationPoint(0, 0.3));
        assertThat(reopened.has(5)).as("not measured as far as the files know: validated again").isFalse();
        assertThat(bestWeights()).isEqualTo("step 0");
        assertThat(out.resolve(BestModelStore.PARTIAL)).doesNotExist();
    }

    @Test
    void aKillBetweenTheTwoRenamesOfASwapRestoresTheOldBest() throws Exception {
        BestModelStore store = BestModelStore.fresh(out);
        store.record(new ValidationPoint(0, 0.3), weightsOf(0));
        store.record(new ValidationPoint(2, 0.5), weightsOf(2));
        // the new best's folder is complete and the old one moved aside, but not yet renamed into place
        weightsOf(4).accept(out.resolve(BestModelStore.PARTIAL));
        Files.writeString(out.resolve(BestModelStore.PARTIAL).resolve(BestModelStore.MARKER), "{\"step\":4,\"score\":0.9}");
        Files.move(out.resolve(BestModelStore.FOLDER), out.resolve(BestModelStore.PREVIOUS));

        BestModelStore reopened = BestModelStore.reopen(out);
        assertThat(reopened.best().step()).isEqualTo(2);
        assertThat(reopened.history()).extracting(ValidationPoint::step).containsExactly(0, 2);
        assertThat(bestWeights()).isEqualTo("step 2");
        assertThat(out.resolve(BestModelStore.PARTIAL)).doesNotExist();
        assertThat(out.resolve(BestModelStore.PREVIOUS)).doesNotExist();
    }

    @Test
    void aKillAfterTheSwapBeforeBestJsonKeepsTheNewBestAndItsMeasuredScore() throws Exception {
        BestModelStore store = BestModelStore.fresh(out);
        store.record(new ValidationPoint(0, 0.3), weightsOf(0));
        Path olderSummary = out.resolve("older-best.json");
        Files.copy(out.resolve(BestModelStore.SUMMARY), olderSummary);
        Path olderFolder = out.resolve("older-folder");
        Files.createDirectories(olderFolder);
        Files.copy(out.resolve(BestModelStore.FOLDER).resolve("weights.txt"), olderFolder.resolve("weights.txt"));
        store.record(new ValidationPoint(1, 0.7), weightsOf(1));
        // back to the moment after the second rename: best.json not yet rewritten, the old folder not yet deleted
        Files.move(olderSummary, out.resolve(BestModelStore.SUMMARY), StandardCopyOption.REPLACE_EXISTING);
        Files.move(olderFolder, out.resolve(BestModelStore.PREVIOUS));

        BestModelStore reopened = BestModelStore.reopen(out);
        assertThat(reopened.history()).containsExactly(new ValidationPoint(0, 0.3), new ValidationPoint(1, 0.7));
        assertThat(reopened.best().step()).isEqualTo(1);
        assertThat(bestWeights()).isEqualTo("step 1");
        assertThat(out.resolve(BestModelStore.PREVIOUS)).doesNotExist();
        reopened.record(new ValidationPoint(2, 0.1), weightsOf(2));
        assertThat(JSON.readTree(out.resolve(BestModelStore.SUMMARY).toFile()).get("history")).hasSize(3);
    }

    @Test
    void aBestFolderThatIsNotTheBestValidationFailsNamingBoth() throws Exception {
        BestModelStore store = BestModelStore.fresh(out);
        store.record(new ValidationPoint(0, 0.3), weightsOf(0));
        store.record(new ValidationPoint(3, 0.6), weightsOf(3));
        Files.writeString(out.resolve(BestModelStore.FOLDER).resolve(BestModelStore.MARKER), "{\"step\":0,\"score\":0.3}");
        assertThatThrownBy(() -> BestModelStore.reopen(out)).hasMessageContaining("holds the weights of step 0")
                .hasMessageContaining("is step 3");
    }

    @Test
    void scoresOutsideZeroToOneAreRefused() {
        for (double bad : List.of(-0.1, 1.5, Double.NaN)) {
            assertThatThrownBy(() -> new ValidationPoint(3, bad)).hasMessageContaining("at step 3");
        }
    }
}
