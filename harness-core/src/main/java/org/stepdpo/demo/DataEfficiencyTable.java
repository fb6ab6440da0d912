package org.stepdpo.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The data-efficiency table: one row per pair budget, Step-DPO and DPO accuracy per seed and their mean. The
 * full pair set differs per seed (and per objective), so it is one row, "all", whatever its count.
 */
public final class DataEfficiencyTable {

    private DataEfficiencyTable() {
    }

    public static String markdown(String suite, List<DataEfficiencyStudy.Point> points) {
        TreeSet<Integer> sizes = new TreeSet<>();
        TreeSet<Long> seeds = new TreeSet<>();
        for (DataEfficiencyStudy.Point p : points) {
            seeds.add(p.seed());
            if (!isAll(p, points)) {
                sizes.add(p.pairs());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("Data efficiency, suite ").append(suite).append(": greedy test accuracy (%) after training on N pairs, ")
                .append("same optimiser steps for every N; seeds ").append(seeds)
                .append("; \"@S\": the step of the checkpoint the validation guard chose\n\n");
        sb.append("| pairs | Step-DPO (per seed) | Step-DPO mean | DPO (per seed) | DPO mean |\n|---|---|---|---|---|\n");
        for (int size : sizes) {
            row(sb, Integer.toString(size), points.stream().filter(p -> p.pairs() == size && !isAll(p, points)).toList());
        }
        row(sb, "all", points.stream().filter(p -> isAll(p, points)).toList());
        return sb.toString();
    }

    private static void row(StringBuilder sb, String label, List<DataEfficiencyStudy.Point> points) {
        sb.append("| ").append(label);
        for (String objective : List.of("step-dpo", "dpo")) {
            List<DataEfficiencyStudy.Point> ps = points.stream().filter(p -> p.objective().equals(objective)).toList();
            String perSeed = ps.stream().map(p -> String.format(Locale.ROOT, "%.1f%s%s", 100 * p.accuracy(),
                    label.equals("all") ? " (" + p.pairs() + " pairs)" : "",
                    p.bestStep() == null ? "" : " @" + p.bestStep())).collect(Collectors.joining(", "));
            double mean = ps.stream().mapToDouble(DataEfficiencyStudy.Point::accuracy).average().orElse(Double.NaN);
            sb.append(" | ").append(perSeed).append(" | ").append(ps.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f",
                    100 * mean));
        }
        sb.append(" |\n");
    }

    /** Whether a point is its seed's full pair set of its objective (the largest count of that seed and objective). */
    private static boolean isAll(DataEfficiencyStudy.Point p, List<DataEfficiencyStudy.Point> points) {
        return points.stream().filter(q -> q.seed() == p.seed() && q.objective().equals(p.objective()))
                .mapToInt(DataEfficiencyStudy.Point::pairs).max().orElse(-1) == p.pairs();
    }

    public static void writeJson(Path file, List<DataEfficiencyStudy.Point> points) throws IOException {
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), points);
    }
}
