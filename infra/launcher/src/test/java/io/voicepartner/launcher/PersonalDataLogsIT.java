package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Logs never hold a person's e-mail address, name, password, tokens or an invitation's token (issue 21): a canary
 * person signs up, is refused and signs in, is invited and joins, changes their password and signs out, with the
 * platform's own logging at debug, and none of those values is in any log line, in clear, JSON-escaped or base64.
 * Nor is a value an unexpected failure's message quotes: a {@code 500}'s stack trace is logged scrubbed (ADR 0046).
 */
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLogsIT extends PlatformIT {

    @Test
    void noLogLineHoldsAnAddressANameAPasswordOrAToken(CapturedOutput logs) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("io.voicepartner", LogLevel.DEBUG);
        try {
            assertThat(logs.getAll()).as("log lines").doesNotContain(encodings(useTheAccount()));
        } finally {
            logging.setLogLevel("io.voicepartner", null);
        }
    }

    /**
     * A sign-up the database refuses for a reason no rule at the edge knows (a constraint added behind the platform's
     * back): the answer is a {@code 500}, whose stack trace is logged. PostgreSQL's message quotes the whole row, the
     * address and the password's hash with it; the log keeps the constraint's wording and the frames, not the row.
     */
    @Test
    void aFailureWhoseMessageQuotesTheAddressIsLoggedWithoutIt(CapturedOutput logs) throws Exception {
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String email = canary + "@example.com";
        String constraint = "refuse_" + canary;
        execute("ALTER TABLE command.user_credentials ADD CONSTRAINT " + constraint + " CHECK (email IS DISTINCT FROM '"
                + email + "') NOT VALID");
        try {
            Api.Response refused =
                    api().post("/api/users", Map.of("email", email, "password", "pw-" + canary, "name", canary));

            assertThat(refused.status()).as("%s", refused).isEqualTo(500);
            assertThat(refused.error().path("code").asText()).isEqualTo("internal_error");
            assertThat(logs.getAll())
                    .as("the 500's stack trace")
                    .contains("Unexpected error while serving a request", "violates check constraint")
                    .contains("Failing row contains (…)")
                    .doesNotContain(canary);
        } finally {
            execute("ALTER TABLE command.user_credentials DROP CONSTRAINT " + constraint);
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection database = StoredEvents.connect()) {
            database.createStatement().execute(sql);
        }
    }

    /** @return every value that must never be logged */
    private List<String> useTheAccount() {
        String canary = "canary" + UUID.randomUUID().toString().replace("-", "");
        String email = canary + "@example.com";
        String name = "Canary \"Ünïcode\" " + canary;
        String password = "pw-" + canary;
        String newPassword = "new-pw-" + canary;
        List<String> secrets = new ArrayList<>(List.of(email, name, password, newPassword));

        Api.Response signedUp = api().post("/api/users", Map.of("email", email, "password", password, "name", name));
        assertThat(signedUp.status()).as("%s", signedUp).isEqualTo(201);
        assertThat(api().post("/api/users", Map.of("email", email, "password", password))
                        .status())
                .isEqualTo(409);
        assertThat(api().post("/token", Map.of("email", email, "password", newPassword))
                        .status())
                .isEqualTo(401);
        String token = api().login(email, password);
        secrets.add(token);
        Api canaryPerson = api().withHeader("Authorization", "Bearer " + token);

        Api inviter = api().as(api().signUp());
        String organization = inviter.post("/api/organizations", Map.of("name", "Acme"))
                .data()
                .path("id")
                .asText();
        Api.Response invited = inviter.withHeader("X-Organization-Id", organization)
                .post(
                        "/api/organizations/" + organization + "/invitations",
                        Map.of("email", email.toUpperCase(java.util.Locale.ROOT), "role", "editor"));
        assertThat(invited.status()).as("%s", invited).isEqualTo(201);
        String invitation = invited.data().path("token").asText();
        secrets.add(invitation);
        assertThat(canaryPerson
                        .post("/api/invitations/" + invitation + "/accept", Map.of())
                        .status())
                .isEqualTo(200);

        assertThat(canaryPerson
                        .post(
                                "/api/users/me/password",
                                Map.of("current_password", newPassword, "new_password", newPassword))
                        .status())
                .isEqualTo(400);
        Api.Response changed = canaryPerson.post(
                "/api/users/me/password", Map.of("current_password", password, "new_password", newPassword));
        assertThat(changed.status()).as("%s", changed).isEqualTo(200);
        String fresh = changed.data().path("access_token").asText();
        secrets.add(fresh);
        assertThat(canaryPerson.get("/api/users/me").status()).isEqualTo(401);
        assertThat(api().withHeader("Authorization", "Bearer " + fresh)
                        .post("/api/users/me/sign-out", Map.of())
                        .status())
                .isEqualTo(200);
        return secrets;
    }

    /** Each value as it is, JSON-escaped, and in base64 (standard and URL-safe). */
    private static List<String> encodings(List<String> values) {
        List<String> forms = new ArrayList<>();
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            forms.add(value);
            forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
            forms.add(Base64.getEncoder().withoutPadding().encodeToString(bytes));
            forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        }
        return forms;
    }
}
