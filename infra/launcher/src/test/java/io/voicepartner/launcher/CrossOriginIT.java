package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frontend calls from its own origin: preflights pass for it, and only for it. */
class CrossOriginIT extends PlatformIT {

    @Test
    void theFrontendsOriginMayWriteWithABearerToken() {
        Api.Response preflight = api().withHeader("Origin", "http://localhost:3000")
                .withHeader("Access-Control-Request-Method", "PATCH")
                .withHeader("Access-Control-Request-Headers", "authorization, content-type, if-match")
                .send("OPTIONS", "/api/assistants/some-id", null, null);

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:3000");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("PATCH");
    }

    @Test
    void responsesExposeTheHeadersTheFrontendReads() {
        Api alice = api().as(api().signUp()).withHeader("Origin", "http://localhost:3000");

        Api.Response created = alice.post("/api/assistants", Map.of("name", "Seen from the browser"));

        assertThat(created.header("Access-Control-Expose-Headers"))
                .contains("ETag")
                .contains("Location");
    }

    @Test
    void anotherOriginIsRefused() {
        Api.Response preflight = api().withHeader("Origin", "https://evil.example")
                .withHeader("Access-Control-Request-Method", "DELETE")
                .send("OPTIONS", "/api/assistants/some-id", null, null);

        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
}
