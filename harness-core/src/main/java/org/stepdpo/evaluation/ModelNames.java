package org.stepdpo.evaluation;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The name a person recognises for a model folder: its last path elements, up to and including the first that is
 * not a generic folder name a training writes ({@code final}, {@code best}, {@code sft}, a checkpoint's
 * {@code step-000100}), so a pipeline on {@code runs/t1/final} is "t1/final", not "final", the demo's cached SFT model
 * is "sft-0054ffcc.../sft/final" (one per recipe), and a training's starting model is not a whole filesystem path.
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
        for (Path up = p.getParent(); generic(p.getFileName().toString()) && up != null && up.getFileName() != null;
                p = up, up = up.getParent()) {
            name = up.getFileName() + "/" + name;
        }
        return name;
    }

    private static boolean generic(String name) {
        return GENERIC.contains(name.toLowerCase(Locale.ROOT)) || name.matches("(step|checkpoint)-\\d+")
                || name.equals("checkpoints");
    }
}
