package org.stepdpo.steps;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a solution into reasoning steps.
 *
 * <p>Solutions in the Step-DPO format mark their steps ("Step 1: ... Step 2: ..."); each marker starts a
 * step that runs to the next marker, and the text after the last marker (usually "The answer is: N")
 * belongs to the last step. Text before the first marker ("Let's think step by step.") is a preamble,
 * not a step. Markdown variants such as {@code ## Step 2:} or {@code **Step 2:**} count too.
 *
 * <p>Solutions without markers fall back to paragraphs separated by blank lines, the layout most
 * chat models use. Every step keeps its exact text and character span, so a judge's verdict can be
 * shown on the original solution.
 */
public final class StepSegmenter {

    // A marker at the start of a line (or of the text), in plain, heading or bold form.
    private static final Pattern STEP_MARKER = Pattern.compile(
            "(?m)^[ \\t]*(?:#{1,6}[ \\t]*)?(?:\\*\\*)?Step[ \\t]+(\\d{1,4})[ \\t]*[:.)](?:\\*\\*)?");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n\\s*");

    /** How the steps were found. */
    public enum Method { MARKERS, PARAGRAPHS }

    /** The steps of one solution and how they were found. */
    public record Segmentation(List<Step> steps, Method method) {
        public Segmentation {
            steps = List.copyOf(steps);
        }
    }

    public List<Step> split(String solution) {
        return segment(solution).steps();
    }

    public Segmentation segment(String solution) {
        if (solution == null || solution.isBlank()) {
            return new Segmentation(List.of(), Method.PARAGRAPHS);
        }
        List<int[]> markers = findMarkers(solution);
        if (!markers.isEmpty()) {
            return new Segmentation(byMarkers(solution, markers), Method.MARKERS);
        }
        return new Segmentation(byParagraphs(solution), Method.PARAGRAPHS);
    }

    /** Each marker as {start, end of marker}. */
    private static List<int[]> findMarkers(String text) {
        List<int[]> markers = new ArrayList<>();
        Matcher m = STEP_MARKER.matcher(text);
        while (m.find()) {
            int start = m.start();
            while (start < m.end() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
                start++;
            }
            markers.add(new int[]{start, m.end()});
        }
        return markers;
    }

    private static List<Step> byMarkers(String text, List<int[]> markers) {
        List<Step> steps = new ArrayList<>(markers.size());
        for (int i = 0; i < markers.size(); i++) {
            int start = markers.get(i)[0];
            int next = i + 1 < markers.size() ? markers.get(i + 1)[0] : text.length();
            int end = trimEnd(text, start, next);
            int bodyStart = Math.min(markers.get(i)[1], end);
            steps.add(new Step(i, text.substring(start, end), start, end, bodyStart));
        }
        return steps;
    }

    private static List<Step> byParagraphs(String text) {
        List<Step> steps = new ArrayList<>();
        Matcher m = BLANK_LINES.matcher(text);
        int from = 0;
        while (true) {
            boolean found = m.find();
            int to = found ? m.start() : text.length();
            addParagraph(text, from, to, steps);
            if (!found) {
                break;
            }
            from = m.end();
        }
        return steps;
    }

    private static void addParagraph(String text, int from, int to, List<Step> steps) {
        int start = from;
        while (start < to && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        int end = trimEnd(text, start, to);
        if (end > start) {
            steps.add(new Step(steps.size(), text.substring(start, end), start, end, start));
        }
    }

    private static int trimEnd(String text, int start, int end) {
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
