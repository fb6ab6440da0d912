package org.stepdpo.evaluation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The name a person recognises for a model folder: its last path element, with its parent when that element is a
 * generic folder name a training writes ({@code final}, {@code best}, {@code adapter}, a checkpoint's
 * {@code step-000100}), so a pipeline on {@code runs/t1/final} is "t1/final", not "final", and a training's starting
 * model is not a whole filesystem path.
 */
public final class ModelNames {

    private static final Set<String> GENERIC = Set.of("final", "best", "adapter", "model", "merged", "sft");

    private ModelNames() {
    }

    public static String of(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        Path last = p.getFileName();
        if (last == null) {
            return p.toString();
        }
        String name = last.toString();
        Path parent = p.getParent() == null ? null : p.getParent().getFileName();
        boolean generic = GENERIC.contains(name.toLowerCase(Locale.ROOT)) || name.matches("(step|checkpoint)-\\d+");
        return generic && parent != null ? parent + "/" + name : name;
    }
}
