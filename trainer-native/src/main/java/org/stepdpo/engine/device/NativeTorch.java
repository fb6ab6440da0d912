package org.stepdpo.engine.device;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;

/**
 * Loads the libtorch natives bundled with the Bytedeco presets, once, on first use.
 *
 * <p>Why not just {@code Loader.load(torch.class)}: JavaCPP loads {@code libtorch.so} (a stub whose
 * DT_NEEDED entry is {@code libtorch_cpu.so}) before {@code libtorch_cpu.so} itself. The dynamic linker
 * then resolves that entry through the system search path, and a Debian {@code libtorch-dev}
 * {@code libtorch_cpu.so} found there is mapped beside the bundled one: the JVM dies with SIGSEGV in
 * libtorch's static initialisation. Loading the bundled libraries by absolute path, dependencies first,
 * makes every later DT_NEEDED lookup hit an already loaded soname, whatever the library path holds.
 */
public final class NativeTorch {

    /** Bundled libraries in dependency order; those absent from the platform's jar are skipped. */
    private static final List<String> ORDERED_LIBRARIES = List.of(
            "libgomp.so.1", "libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so");

    /** CUDA presets whose libraries libc10_cuda/libtorch_cuda need; present only in the cuda profile. */
    private static final List<String> CUDA_PRESET_CLASSES = List.of(
            "org.bytedeco.cuda.global.cudart", "org.bytedeco.cuda.global.cublas", "org.bytedeco.cuda.global.cusparse",
            "org.bytedeco.cuda.global.cusolver", "org.bytedeco.cuda.global.curand", "org.bytedeco.cuda.global.cufft",
            "org.bytedeco.cuda.global.nvrtc", "org.bytedeco.cuda.global.cudnn", "org.bytedeco.cuda.global.nccl");

    private static volatile boolean loaded;
    private static List<String> loadedPaths = List.of();

    private NativeTorch() {
    }

    /** Loads libtorch if not yet loaded; safe to call from any thread, any number of times. */
    public static void ensureLoaded() {
        if (loaded) {
            return;
        }
        synchronized (NativeTorch.class) {
            if (loaded) {
                return;
            }
            List<String> paths = new ArrayList<>();
            Loader.load(org.bytedeco.openblas.global.openblas.class);
            if (isGpuPlatform()) {
                for (String name : CUDA_PRESET_CLASSES) {
                    loadPresetIfPresent(name);
                }
            }
            String folder = "/org/bytedeco/pytorch/" + Loader.getPlatform() + "/";
            for (String library : ORDERED_LIBRARIES) {
                File file = cacheResource(folder + library);
                if (file != null) {
                    System.load(file.getAbsolutePath());
                    paths.add(file.getAbsolutePath());
                }
            }
            Loader.load(org.bytedeco.pytorch.global.torch.class);
            // libtorch parallelises with its own OpenMP pool; a second, threaded OpenBLAS pool inside it
            // oversubscribes the cores (measured: a [8,256]x[256,704] GEMM 20-100x slower on 2 cores).
            org.bytedeco.openblas.global.openblas_nolapack.blas_set_num_threads(1);
            Integer threads = configuredThreads();
            if (threads != null) {
                org.bytedeco.pytorch.global.torch.set_num_threads(threads);
            }
            loadedPaths = List.copyOf(paths);
            loaded = true;
        }
    }

    /** System property naming the engine's CPU threads ({@code --threads}); absent: libtorch's default (all cores). */
    public static final String THREADS_PROPERTY = "stepdpo.threads";

    /** The threads {@code --threads} (or {@code STEPDPO_THREADS}) asks for, or null for libtorch's default. */
    static Integer configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY, System.getenv("STEPDPO_THREADS"));
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n > 0 ? n : null;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("threads must be a whole number of at least 1, got \"" + value + "\"");
        }
    }

    /** Sets libtorch's intra-op threads (OpenBLAS stays single-threaded inside them). */
    public static void setThreads(int threads) {
        ensureLoaded();
        org.bytedeco.pytorch.global.torch.set_num_threads(threads);
    }

    /** The absolute paths this class loaded itself, in order (for diagnostics and tests). */
    public static List<String> loadedLibraryPaths() {
        return loadedPaths;
    }

    public static boolean isLoaded() {
        return loaded;
    }

    private static boolean isGpuPlatform() {
        return NativeTorch.class.getResource("/org/bytedeco/pytorch/" + Loader.getPlatform() + "/libtorch_cuda.so") != null;
    }

    private static File cacheResource(String resource) {
        if (NativeTorch.class.getResource(resource) == null) {
            return null;
        }
        try {
            return Loader.cacheResource(resource);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot extract bundled native library " + resource
                    + " into the JavaCPP cache (system property org.bytedeco.javacpp.cachedir)", e);
        }
    }

    private static void loadPresetIfPresent(String className) {
        try {
            Loader.load(Class.forName(className));
        } catch (ClassNotFoundException absent) {
            // That CUDA library's presets are not on the class path: libtorch_cuda reports what it lacks.
        }
    }
}
