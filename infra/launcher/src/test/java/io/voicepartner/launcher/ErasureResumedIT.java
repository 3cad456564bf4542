package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An erasure that stops half-way finishes on its own (ADR 0043): a step of it fails for real (the database refuses to
 * store the deletion of the person's tool, as a full disk would), after the assistant was deleted and before the
 * person is. The answer is {@code 202}; meanwhile the person can neither sign in nor use a token; once the database
 * stores again, a later round of the command side finishes the erasure without anyone asking again.
 */
class ErasureResumedIT extends PlatformIT {

    @Test
    void anErasureAStepOfWhichFailsIsFinishedByALaterRound() throws Exception {
        Api.User user = api().signUp();
        Api person = api().as(user);
        String tool = idOf(person.post("/api/tools", Map.of("name", "Calendar", "endpoint", "https://t.example.com")));
        String assistant =
                idOf(person.post("/api/assistants", Map.of("name", "Front desk", "tool_ids", List.of(tool))));
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");
        StoredEvents.execute("CREATE FUNCTION command." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'the disk is full'; END $$");
        StoredEvents.execute(
                "CREATE TRIGGER " + trigger + " BEFORE INSERT ON command.domain_event_entry FOR EACH ROW WHEN "
                        + "(NEW.aggregate_identifier = '" + tool + "') EXECUTE FUNCTION command." + trigger + "()");
        try {
            Api.Response erasure =
                    person.send("DELETE", "/api/users/me", Map.of("password", user.password()), "application/json");

            assertThat(erasure.status()).as("%s", erasure).isEqualTo(202);
            assertThat(erasure.data().path("erased").asBoolean()).isFalse();
            assertThat(erasure.data().path("deleted_organizations"))
                    .extracting(JsonNode::asText)
                    .containsExactly(user.id());
            assertThat(StoredEvents.payloadTypes(assistant))
                    .as("a step done")
                    .anyMatch(type -> type.endsWith("AssistantDeleted"));
            assertThat(StoredEvents.payloadTypes(tool))
                    .as("the step that failed")
                    .noneMatch(type -> type.endsWith("ToolDeleted"));
            assertThat(StoredEvents.column("SELECT user_id FROM command.user_credentials WHERE user_id = ?", user.id()))
                    .as("not erased yet")
                    .hasSize(1);
            assertThat(StoredEvents.column(
                            "SELECT last_failure FROM command.pending_erasures WHERE user_id = ?", user.id()))
                    .as("the failure's type, never its message")
                    .singleElement()
                    .satisfies(
                            failure -> assertThat(failure).matches("[\\w.$]+").doesNotContain("disk"));
            assertThat(person.get("/api/users/me").status()).as("the token").isEqualTo(401);
            Api.Response signIn = api().post("/token", Map.of("email", user.email(), "password", user.password()));
            assertThat(signIn.status()).as("%s", signIn).isEqualTo(409);
            assertThat(signIn.text()).contains("being erased");
            assertThat(api().post("/token", Map.of("email", user.email(), "password", "wrong-" + user.password()))
                            .status())
                    .as("told to whoever knows the password alone")
                    .isEqualTo(401);
        } finally {
            StoredEvents.execute("DROP TRIGGER " + trigger + " ON command.domain_event_entry");
            StoredEvents.execute("DROP FUNCTION command." + trigger + "()");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(StoredEvents.column("SELECT user_id FROM command.pending_erasures WHERE user_id = ?", user.id()))
                    .isEmpty();
            assertThat(StoredEvents.column("SELECT user_id FROM command.user_credentials WHERE user_id = ?", user.id()))
                    .isEmpty();
        });
        // the key is gone; its row stays as a tombstone, so that none is ever made again (ADR 0042)
        assertThat(StoredEvents.column(
                        "SELECT subject_id FROM command.personal_data_keys WHERE subject_id = ? AND key IS NOT NULL",
                        user.id()))
                .isEmpty();
        assertThat(StoredEvents.payloadTypes(tool)).anyMatch(type -> type.endsWith("ToolDeleted"));
        assertThat(StoredEvents.payloadTypes(user.id())).anyMatch(type -> type.endsWith("UserErased"));
        assertThat(api().post("/token", Map.of("email", user.email(), "password", user.password()))
                        .status())
                .isEqualTo(401);
        JsonNode answers = api().get("/openapi.json")
                .json()
                .path("paths")
                .path("/api/users/me")
                .path("delete")
                .path("responses");
        assertThat(answers.has("200") && answers.has("202")).as("%s", answers).isTrue();
    }

    private static String idOf(Api.Response created) {
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.data().path("id").asText();
    }
}
