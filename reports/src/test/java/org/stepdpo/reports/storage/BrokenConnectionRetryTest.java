package org.stepdpo.reports.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

class BrokenConnectionRetryTest {

    @Test
    void connectionFailuresAreRetriedStatementFailuresAreNot() {
        assertThat(BrokenConnectionRetry.brokenConnection(new RuntimeException(
                new SQLException("Connection is broken: \"session closed\"", "90067", 90067)))).isTrue();
        assertThat(BrokenConnectionRetry.brokenConnection(new SQLException("Database is already closed", "90121", 90121)))
                .isTrue();
        assertThat(BrokenConnectionRetry.brokenConnection(new SQLException("refused", "08001", 0))).isTrue();
        assertThat(BrokenConnectionRetry.brokenConnection(new RuntimeException(new SQLException(
                "General error: \"java.lang.IllegalStateException: Transaction 1 has status ROLLED_BACK\"", "HY000",
                50000)))).isTrue();
        assertThat(BrokenConnectionRetry.brokenConnection(new SQLException("General error: \"java.lang.NullPointerException: "
                + "Cannot invoke \"\"java.util.ArrayList.remove(int)\"\" because \"\"this.transferList\"\" is null\" [50000-240]",
                "HY000", 50000))).isTrue();
        assertThat(BrokenConnectionRetry.brokenConnection(new SQLException("Unique index violation", "23505", 23505)))
                .isFalse();
        assertThat(BrokenConnectionRetry.brokenConnection(new IllegalStateException("run 3 is FINISHED"))).isFalse();
    }
}
