package org.stepdpo.pipeline;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import org.stepdpo.progress.ProgressBar;

/**
 * The resumable loop every generating stage runs on: work units done in a fixed order, a batch at a time, one
 * JSONL line appended (written through) per unit; after a crash the lines already written are checked against the
 * first units and the rest are done, so a stage is never done twice nor skipped.
 */
final class AppendOnlyStage {

    private final PrintStream log;

    AppendOnlyStage(PrintStream log) {
        this.log = log;
    }

    @FunctionalInterface
    interface ChunkWork<U, L> {
        List<L> apply(List<U> chunk);
    }

    /**
     * Does {@code units} in order, {@code batch} at a time, appending one line per unit to {@code file}. Lines
     * already in the file must be the first units, in order (a folder written with another configuration is
     * refused); the rest are done now.
     */
    <U, L> List<L> run(Path file, Class<L> type, List<U> units, String label, String unitName, int batch,
                       BiPredicate<L, U> matches, ChunkWork<U, L> work) {
        try (JsonlLog<L> out = JsonlLog.open(file, type)) {
            List<L> lines = new ArrayList<>(out.existing());
            if (lines.size() > units.size()) {
                throw new IllegalStateException(file + " has " + lines.size() + " records but this stage has only "
                        + units.size() + " units: the folder belongs to another run");
            }
            for (int i = 0; i < lines.size(); i++) {
                if (!matches.test(lines.get(i), units.get(i))) {
                    throw new IllegalStateException(file + ":" + (i + 1) + ": record " + lines.get(i) + " is not unit "
                            + (i + 1) + " of this run: the folder belongs to another run");
                }
            }
            if (!lines.isEmpty() && lines.size() < units.size()) {
                log.printf("%s: resuming after %d of %d %s%n", label, lines.size(), units.size(), unitName);
            }
            try (ProgressBar bar = new ProgressBar(label, units.size(), unitName)) {
                bar.advance(lines.size());
                for (int from = lines.size(); from < units.size(); from += batch) {
                    List<U> chunk = units.subList(from, Math.min(units.size(), from + batch));
                    List<L> done = work.apply(chunk);
                    for (L line : done) {
                        out.append(line);
                        lines.add(line);
                        bar.step();
                    }
                }
            }
            return lines;
        }
    }
}
