package org.stepdpo.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which server takes the next request: least loaded, healthy, with a free slot. */
class EndpointPoolTest {

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    private static List<OpenAiEndpoint> servers(int n, int concurrency, Duration backoff) {
        List<String> urls = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            urls.add("http://10.0.0." + (i + 1) + ":8000");
        }
        return new OpenAiEndpoints(urls, null, "m", concurrency, 3, backoff, Duration.ofSeconds(5)).servers();
    }

    private static String host(EndpointPool.Lease lease) {
        return lease.endpoint().baseUrl();
    }

    @Test
    void eachRequestGoesToTheServerWithFewestInFlight() throws Exception {
        EndpointPool pool = new EndpointPool(servers(3, 4, Duration.ofMinutes(1)), log);
        EndpointPool.Lease a = pool.acquire(Set.of());
        EndpointPool.Lease b = pool.acquire(Set.of());
        EndpointPool.Lease c = pool.acquire(Set.of());
        assertThat(List.of(host(a), host(b), host(c)))
                .containsExactly("http://10.0.0.1:8000", "http://10.0.0.2:8000", "http://10.0.0.3:8000");
        pool.succeeded(b);
        assertThat(pool.inFlight()).containsExactly(1, 0, 1);
        assertThat(host(pool.acquire(Set.of()))).isEqualTo("http://10.0.0.2:8000");
        // Equal load: the server sent the fewest requests so far (not always the first).
        pool.succeeded(a);
        pool.succeeded(c);
        assertThat(pool.inFlight()).containsExactly(0, 1, 0);
        assertThat(host(pool.acquire(Set.of()))).isEqualTo("http://10.0.0.1:8000");
        assertThat(host(pool.acquire(Set.of()))).isEqualTo("http://10.0.0.3:8000");
        assertThat(pool.inFlight()).containsExactly(1, 1, 1);
        assertThat(pool.traffic().describe())
                .isEqualTo("http://10.0.0.1:8000 1 served, 0 failed; http://10.0.0.2:8000 1 served, 0 failed; "
                        + "http://10.0.0.3:8000 1 served, 0 failed");
    }

    @Test
    void aRequestWaitsWhileEveryServerIsAtItsConcurrencyLimit() throws Exception {
        EndpointPool pool = new EndpointPool(servers(2, 1, Duration.ofMinutes(1)), log);
        pool.acquire(Set.of());
        EndpointPool.Lease second = pool.acquire(Set.of());
        CompletableFuture<EndpointPool.Lease> third = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire(Set.of());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> third.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        pool.succeeded(second);
        assertThat(host(third.get(5, TimeUnit.SECONDS))).isEqualTo("http://10.0.0.2:8000");
        assertThat(pool.inFlight()).containsExactly(1, 1);
    }

    @Test
    void aFailedServerIsLeftOutForItsBackOffAndTheFailureIsLoggedWithTheServer() throws Exception {
        EndpointPool pool = new EndpointPool(servers(2, 4, Duration.ofMinutes(1)), log);
        EndpointPool.Lease first = pool.acquire(Set.of());
        assertThat(host(first)).isEqualTo("http://10.0.0.1:8000");
        pool.failed(first, "HTTP 500: boom", null);
        // Server 1 now has nothing in flight, but it is out: everything goes to server 2.
        for (int i = 0; i < 3; i++) {
            assertThat(host(pool.acquire(Set.of()))).isEqualTo("http://10.0.0.2:8000");
        }
        assertThat(pool.inFlight()).containsExactly(0, 3);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("server http://10.0.0.1:8000: HTTP 500: boom; left out for ");
        assertThat(pool.traffic().servers().get(0)).isEqualTo(new EndpointTraffic.Server("http://10.0.0.1:8000", 0, 1));
    }

    @Test
    void theOnlyServerComesBackAfterItsBackOff() throws Exception {
        EndpointPool pool = new EndpointPool(servers(1, 2, Duration.ofMillis(80)), log);
        pool.failed(pool.acquire(Set.of()), "java.net.ConnectException", null);
        long t0 = System.nanoTime();
        EndpointPool.Lease again = pool.acquire(Set.of());
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        assertThat(host(again)).isEqualTo("http://10.0.0.1:8000");
    }

    @Test
    void aRetryWaitsForAnotherHealthyServerRatherThanGoBackToTheOneThatFailedIt() throws Exception {
        EndpointPool pool = new EndpointPool(servers(2, 1, Duration.ofMillis(1)), log);
        EndpointPool.Lease busy = pool.acquire(Set.of());
        assertThat(host(busy)).isEqualTo("http://10.0.0.1:8000");
        EndpointPool.Lease failing = pool.acquire(Set.of());
        pool.failed(failing, "HTTP 503", null);
        Thread.sleep(20); // server 2's back-off is over and it is free; server 1 is full
        OpenAiEndpoint second = failing.endpoint();
        CompletableFuture<EndpointPool.Lease> retry = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire(Set.of(second));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> retry.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(host(pool.acquire(Set.of()))).as("a new request takes server 2").isEqualTo("http://10.0.0.2:8000");
        pool.succeeded(busy);
        assertThat(host(retry.get(5, TimeUnit.SECONDS))).isEqualTo("http://10.0.0.1:8000");
    }

    @Test
    void aRetryGoesBackToTheServerThatFailedItWhenNoOtherIsHealthy() throws Exception {
        EndpointPool pool = new EndpointPool(servers(2, 4, Duration.ofMillis(1)), log);
        EndpointPool.Lease first = pool.acquire(Set.of());
        EndpointPool.Lease second = pool.acquire(Set.of());
        pool.failed(first, "HTTP 429", Duration.ofMinutes(1)); // server 1 asks for a minute's rest
        pool.failed(second, "HTTP 503", null); // server 2 is out for a millisecond
        long t0 = System.nanoTime();
        EndpointPool.Lease retry = pool.acquire(Set.of(first.endpoint(), second.endpoint()));
        assertThat(host(retry)).isEqualTo("http://10.0.0.2:8000");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failuresInARowDoubleTheBackOffAndRetryAfterWinsWhenLonger() {
        Duration s = Duration.ofSeconds(1);
        assertThat(EndpointPool.backoff(s, 1, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(EndpointPool.backoff(s, 3, null)).isEqualTo(Duration.ofSeconds(4));
        assertThat(EndpointPool.backoff(s, 30, null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(EndpointPool.backoff(s, 1, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
        assertThat(EndpointPool.backoff(s, 3, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(4));
        assertThat(EndpointPool.backoff(s, 1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void manyFailuresOfOneServerMakeOneLogLineWithTheCount() throws Exception {
        EndpointPool pool = new EndpointPool(servers(1, 8, Duration.ofMinutes(1)), log);
        List<EndpointPool.Lease> leases = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add(pool.acquire(Set.of()));
        }
        leases.forEach(l -> pool.failed(l, "HTTP 502", null));
        String text = logged.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(pool.traffic().failed()).isEqualTo(5);
        assertThatThrownBy(() -> pool.succeeded(leases.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed twice");
    }

    @Test
    void urlsComeRepeatedOrCommaSeparatedAndDuplicatesAreRefused() {
        assertThat(OpenAiEndpoints.parse(List.of("http://a:8000, http://b:8000", "http://c:8000/v1"), null, "m", 4)
                .baseUrls()).containsExactly("http://a:8000", "http://b:8000", "http://c:8000/v1");
        assertThatThrownBy(() -> OpenAiEndpoints.parse(List.of("http://a:8000,http://a:8000/v1/"), null, "m", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"http://a:8000/v1/\" is given twice");
        assertThatThrownBy(() -> OpenAiEndpoints.parse(List.of("http://a:8000,"), null, "m", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty server URL");
        assertThatThrownBy(() -> OpenAiEndpoints.parse(List.of("http://a:8000,b:8000"), null, "m", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http(s) URL: \"b:8000\"");
        assertThat(OpenAiEndpoints.parse(List.of("http://a:8000"), "secret", "m", 4).toString()).doesNotContain("secret");
    }
}
