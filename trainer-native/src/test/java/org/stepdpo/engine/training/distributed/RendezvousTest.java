package org.stepdpo.engine.training.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RendezvousTest {

    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void torchrunVariables() {
        Rendezvous r = Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "node7", "MASTER_PORT", "29611", "RANK", "5",
                "WORLD_SIZE", "16", "LOCAL_RANK", "1"), T).orElseThrow();
        assertThat(r).isEqualTo(new Rendezvous("node7", 29611, 5, 16, 1, T));
        assertThat(r.isLoopback()).isFalse();
    }

    @Test
    void slurmVariablesWithTheDefaultPort() {
        Rendezvous r = Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "127.0.0.1", "SLURM_PROCID", "3",
                "SLURM_NTASKS", "8", "SLURM_LOCALID", "3"), T).orElseThrow();
        assertThat(r).isEqualTo(new Rendezvous("127.0.0.1", Rendezvous.DEFAULT_PORT, 3, 8, 3, T));
        assertThat(r.isLoopback()).isTrue();
    }

    @Test
    void torchrunWinsOverSlurmAndOneSlurmTaskOrNothingIsOneProcess() {
        assertThat(Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "a", "RANK", "1", "WORLD_SIZE", "2",
                "SLURM_PROCID", "0", "SLURM_NTASKS", "4"), T).orElseThrow().rank()).isEqualTo(1);
        assertThat(Rendezvous.fromEnvironment(Map.of("SLURM_PROCID", "0", "SLURM_NTASKS", "1"), T)).isEmpty();
        assertThat(Rendezvous.fromEnvironment(Map.of(), T)).isEmpty();
    }

    @Test
    void missingOrInvalidValuesAreNamed() {
        assertThatThrownBy(() -> Rendezvous.fromEnvironment(Map.of("RANK", "0", "WORLD_SIZE", "2"), T))
                .hasMessageContaining("MASTER_ADDR is not set");
        assertThatThrownBy(() -> Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "a", "WORLD_SIZE", "2"), T))
                .hasMessageContaining("RANK is not set");
        assertThatThrownBy(() -> Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "a", "RANK", "2", "WORLD_SIZE", "2"), T))
                .hasMessageContaining("rank 2 of 2");
        assertThatThrownBy(() -> Rendezvous.fromEnvironment(Map.of("MASTER_ADDR", "a", "RANK", "x", "WORLD_SIZE", "2"), T))
                .hasMessageContaining("RANK must be a whole number, got \"x\"");
    }
}
