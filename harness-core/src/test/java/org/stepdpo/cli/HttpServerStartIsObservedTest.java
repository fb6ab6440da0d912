package org.stepdpo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control for {@link HttpServerOnlyForServeTest}: with the host enabled, the start event is observed. */
@QuarkusMainTest
@TestProfile(HttpServerStartIsObservedTest.HostEnabled.class)
class HttpServerStartIsObservedTest {

    public static class HostEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.host-enabled", "true", "quarkus.http.test-port", "0");
        }
    }

    @Test
    void theObserverSeesAServerThatStarts(QuarkusMainLauncher launcher) throws InterruptedException {
        System.clearProperty(HttpServerStarts.PROPERTY);
        LaunchResult board = launcher.launch("leaderboard");
        assertThat(board.exitCode()).as(board.getErrorOutput()).isZero();
        for (int i = 0; i < 50 && System.getProperty(HttpServerStarts.PROPERTY) == null; i++) {
            Thread.sleep(100);
        }
        assertThat(System.getProperty(HttpServerStarts.PROPERTY)).as("HTTP server start event").startsWith("port ");
    }
}
