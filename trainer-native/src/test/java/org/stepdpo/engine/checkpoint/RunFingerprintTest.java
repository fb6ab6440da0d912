package org.stepdpo.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RunFingerprintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theHashIsOfTheCanonicalJsonWithSortedKeys() throws Exception {
        // sha256 of {"a":{"c":3,"d":2},"b":1}, computed with Python's hashlib
        String expected = "78d48859c3252943aab7306f76c80f3f07783582e05ab8f944ce0696f2dbfc67";
        assertThat(RunFingerprint.sha256(JSON.readTree("{\"b\": 1, \"a\": {\"d\": 2, \"c\": 3}}"))).isEqualTo(expected);
        assertThat(RunFingerprint.sha256(JSON.readTree("{\"a\": {\"c\": 3, \"d\": 2}, \"b\": 1}"))).isEqualTo(expected);
        assertThat(RunFingerprint.sha256(JSON.readTree("{\"a\": {\"c\": 3, \"d\": 2}, \"b\": 2}"))).isNotEqualTo(expected);
    }

    @Test
    void differencesNameEachFieldNumbersCompareByValueAndMissingFieldsReadAbsent() throws Exception {
        var before = JSON.readTree("{\"beta\": 0.4, \"steps\": 5, \"lora\": {\"r\": 8, \"alpha\": 16}, \"old\": true}");
        var now = JSON.readTree("{\"beta\": 0.5, \"steps\": 5.0, \"lora\": {\"r\": 16, \"alpha\": 16}, \"new\": \"x\"}");
        assertThat(RunFingerprint.differences(before, now)).containsExactly("beta was 0.4, now 0.5",
                "lora.r was 8, now 16", "new was absent, now \"x\"", "old was true, now absent");
        assertThat(RunFingerprint.differences(before, before)).isEmpty();
        assertThat(RunFingerprint.differences(JSON.readTree("{\"n\": 5}"), JSON.readTree("{\"n\": 5}"))).isEmpty();
    }
}
