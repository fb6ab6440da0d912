package org.stepdpo.engine.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first load after an empty JavaCPP cache, with a foreign libtorch_cpu.so (Debian's, when installed)
 * first on LD_LIBRARY_PATH: plain Loader.load(torch) dies there with SIGSEGV; NativeTorch must not.
 */
class NativeTorchLoadingTest {

    @TempDir
    Path tmp;

    @Test
    void firstLoadIntoAnEmptyCacheIgnoresAForeignLibtorchOnTheLibraryPath() throws Exception {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        boolean hasForeign = linkSystemLibtorch(foreign);
        Path cache = Files.createDirectories(tmp.resolve("javacpp-cache"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.bytedeco.javacpp.cachedir=" + cache, NativeTorchProbe.class.getName());
        pb.environment().put("LD_LIBRARY_PATH", foreign.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("child output (foreign libtorch present: %s):%n%s", hasForeign, output).isZero();
        assertThat(output).contains("probe-ok 55.0").contains(cache.toString() + "/");
        assertThat(output).doesNotContain(foreign.toString());
    }

    /** Links the system's libtorch_cpu/libtorch/libc10 (any version) under their unversioned names. */
    private static boolean linkSystemLibtorch(Path into) throws IOException {
        boolean any = false;
        for (String lib : List.of("libtorch_cpu.so", "libtorch.so", "libc10.so")) {
            Path found = null;
            for (Path dir : List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib"), Path.of("/usr/local/lib"))) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> s = Files.list(dir)) {
                    found = s.filter(f -> f.getFileName().toString().startsWith(lib)).sorted().findFirst().orElse(null);
                }
                if (found != null) {
                    break;
                }
            }
            if (found != null) {
                Files.createSymbolicLink(into.resolve(lib), found);
                any = true;
            }
        }
        return any;
    }
}
