package io.voicepartner.launcher;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code Idempotency-Key}: a retried POST returns the first response and changes nothing. */
class IdempotencyIT extends PlatformIT {

    @Test
    void aRetryWithTheSameKeyAndBodyReturnsTheFirstResponse() {
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = alice.post("/api/assistants", Map.of("name", "Once"));
        Api.Response retry = alice.post("/api/assistants", Map.of("name", "Once"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.data()).isEqualTo(first.data());
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(alice.get("/api/assistants").json().path("meta").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", "create-front-desk");
        alice.post("/api/assistants", Map.of("name", "Front desk"));

        Api.Response reused = alice.post("/api/assistants", Map.of("name", "Back office"));

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.error().path("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(alice.get("/api/assistants").data().findValuesAsText("name")).containsExactly("Front desk");
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = "shared-key-" + UUID.randomUUID();
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", key);
        Api bob = api().as(api().signUp()).withHeader("Idempotency-Key", key);

        Api.Response alices = alice.post("/api/assistants", Map.of("name", "Same body"));
        Api.Response bobs = bob.post("/api/assistants", Map.of("name", "Same body"));

        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.data().path("id").asText()).isNotEqualTo(alices.data().path("id").asText());
        assertThat(bobs.data().path("owner_id").asText()).isNotEqualTo(alices.data().path("owner_id").asText());
    }

    @Test
    void aRefusedRequestIsReplayedAsRefused() {
        Api alice = api().as(api().signUp()).withHeader("Idempotency-Key", UUID.randomUUID().toString());

        Api.Response first = alice.post("/api/assistants", Map.of("name", ""));
        Api.Response retry = alice.post("/api/assistants", Map.of("name", ""));

        assertThat(first.status()).isEqualTo(400);
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.json()).isEqualTo(first.json());
    }
}
