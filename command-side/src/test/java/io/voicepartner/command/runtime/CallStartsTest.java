package io.voicepartner.command.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.command.HttpApi;
import io.voicepartner.command.HttpApi.Answer;
import io.voicepartner.command.HttpApi.User;
import io.voicepartner.command.RunningCommandSide;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The call-start lookup on the command side alone, over HTTP as the runtime asks it: what answers a number comes from
 * the lookups written in the transaction of each append, so every answer already shows the write before it.
 */
class CallStartsTest extends RunningCommandSide {

    private static final String TOKEN = "calendar-bearer-" + UUID.randomUUID();
    private static final String HEADER_KEY = "calendar-header-" + UUID.randomUUID();
    private static final String QUERY_KEY = "calendar-query-" + UUID.randomUUID();

    @Autowired
    MeterRegistry metrics;

    private HttpApi api;
    private User ada;
    private String tool;
    private String assistant;

    @BeforeEach
    void adaHasAnAssistantWithACalendarThatNeedsCredentials() {
        api = api();
        ada = api.signUp(unique("ada"), "Ada");
        tool = created(api.send(
                "POST",
                "/api/tools",
                ada,
                Map.of(
                        "name",
                        "Calendar",
                        "endpoint",
                        "https://tools.example.com/calendar?api_key=" + QUERY_KEY + "&view=week",
                        "headers",
                        Map.of("X-Api-Key", HEADER_KEY, "Accept", "application/json"),
                        "authentication",
                        Map.of("type", "bearer", "token", TOKEN))));
        assistant = created(api.send(
                "POST",
                "/api/assistants",
                ada,
                Map.of(
                        "name",
                        "Front desk",
                        "system_prompt",
                        "You answer the front desk.",
                        "tool_ids",
                        List.of(tool))));
    }

    @Test
    void aNumberIsAnsweredByItsAssistantsLatestVersionWithTheCredentialsInClear() {
        publish();
        assertThat(api.send("PATCH", "/api/assistants/" + assistant, ada, Map.of("system_prompt", "Be brief."))
                        .status())
                .isEqualTo(202);
        publish();
        String number = freeNumber();
        String numberId = created(api.send(
                "POST",
                "/api/phone-numbers",
                ada,
                Map.of(
                        "phone_number",
                        number,
                        "friendly_name",
                        "Front desk line",
                        "assistant_id",
                        assistant,
                        "configuration",
                        Map.of("record", true))));

        Answer answer = lookUp(ada, number);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode data = answer.data();
        assertThat(data.path("organization_id").asText()).isEqualTo(ada.id());
        assertThat(data.path("assistant_id").asText()).isEqualTo(assistant);
        assertThat(data.path("phone_number").path("id").asText()).isEqualTo(numberId);
        assertThat(data.path("phone_number").path("phone_number").asText()).isEqualTo(number);
        assertThat(data.path("phone_number").path("friendly_name").asText()).isEqualTo("Front desk line");
        assertThat(data.path("phone_number")
                        .path("configuration")
                        .path("record")
                        .asBoolean())
                .isTrue();
        assertThat(data.path("version").path("number").asInt()).isEqualTo(2);
        assertThat(data.path("version").path("pinned").asBoolean()).isFalse();
        assertThat(data.path("version").path("config_hash").asText()).matches("[0-9a-f]{64}");
        assertThat(data.path("version").path("published_by").asText()).isEqualTo(ada.id());
        assertThat(data.path("version").path("href").asText())
                .isEqualTo("/api/assistants/" + assistant + "/versions/2");
        JsonNode frozen = data.path("configuration");
        assertThat(frozen.path("assistant").path("system_prompt").asText()).isEqualTo("Be brief.");
        assertThat(frozen.path("assistant").has("status")).isFalse();
        JsonNode calendar = frozen.path("tools").path(0);
        assertThat(calendar.path("id").asText()).isEqualTo(tool);
        assertThat(calendar.path("endpoint").asText())
                .isEqualTo("https://tools.example.com/calendar?api_key=" + QUERY_KEY + "&view=week");
        assertThat(calendar.path("headers").path("X-Api-Key").asText()).isEqualTo(HEADER_KEY);
        assertThat(calendar.path("headers").path("Accept").asText()).isEqualTo("application/json");
        assertThat(calendar.path("authentication").path("type").asText()).isEqualTo("bearer");
        assertThat(calendar.path("authentication").path("token").asText()).isEqualTo(TOKEN);
        assertThat(calendar.path("method").asText()).isEqualTo("POST");
    }

    @Test
    void aPinnedVersionAnswersThoughALaterOneIsPublished() {
        publish();
        assertThat(api.send("PATCH", "/api/assistants/" + assistant, ada, Map.of("system_prompt", "Be brief."))
                        .status())
                .isEqualTo(202);
        publish();
        String number = freeNumber();
        String numberId = created(api.send(
                "POST",
                "/api/phone-numbers",
                ada,
                Map.of("phone_number", number, "assistant_id", assistant, "assistant_version", 1)));

        JsonNode pinned = lookUp(ada, number).data();
        assertThat(pinned.path("version").path("number").asInt()).isEqualTo(1);
        assertThat(pinned.path("version").path("pinned").asBoolean()).isTrue();
        assertThat(pinned.path("configuration")
                        .path("assistant")
                        .path("system_prompt")
                        .asText())
                .isEqualTo("You answer the front desk.");

        assertThat(api.send("PATCH", "/api/phone-numbers/" + numberId, ada, Map.of("assistant_version", 2))
                        .status())
                .isEqualTo(202);
        assertThat(lookUp(ada, number).data().path("version").path("number").asInt())
                .isEqualTo(2);
        assertThat(api.send(
                                "PATCH",
                                "/api/phone-numbers/" + numberId,
                                ada,
                                Collections.singletonMap("assistant_version", null))
                        .status())
                .isEqualTo(202);
        JsonNode following = lookUp(ada, number).data();
        assertThat(following.path("version").path("number").asInt()).isEqualTo(2);
        assertThat(following.path("version").path("pinned").asBoolean()).isFalse();
    }

    @Test
    void eachWayOfNotAnsweringIsANotFoundThatSaysWhich() {
        String unpublished = freeNumber();
        created(api.send(
                "POST", "/api/phone-numbers", ada, Map.of("phone_number", unpublished, "assistant_id", assistant)));
        String unassigned = freeNumber();
        created(api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", unassigned)));

        Answer noVersion = lookUp(ada, unpublished);
        Answer noAssistant = lookUp(ada, unassigned);
        Answer unknown = lookUp(ada, freeNumber());

        assertThat(List.of(noVersion, noAssistant, unknown)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.errorCode()).isEqualTo("not_found");
        });
        assertThat(message(noVersion)).contains(unpublished, assistant, "published no version");
        assertThat(message(noAssistant)).contains(unassigned, "reaches no assistant");
        assertThat(message(unknown)).contains("was not found");
    }

    @Test
    void anotherOrganizationsNumberIsNotFoundExactlyAsANumberNobodyHas() {
        publish();
        String number = freeNumber();
        created(api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", number, "assistant_id", assistant)));
        User bob = api.signUp(unique("bob"), "Bob");
        String nobodys = freeNumber();

        Answer adas = lookUp(bob, number);
        Answer none = lookUp(bob, nobodys);

        assertThat(adas.status()).isEqualTo(404);
        assertThat(adas.body().toString().replace(number, "{number}"))
                .isEqualTo(none.body().toString().replace(nobodys, "{number}"));
        assertThat(adas.body().toString()).doesNotContain(TOKEN, assistant, ada.id());
    }

    @Test
    void aReleasedNumberIsUnknownUntilItIsRestoredAndADeletedAssistantAnswersNothing() {
        publish();
        String number = freeNumber();
        String numberId = created(
                api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", number, "assistant_id", assistant)));

        assertThat(api.send("DELETE", "/api/phone-numbers/" + numberId, ada, null)
                        .status())
                .isEqualTo(202);
        assertThat(message(lookUp(ada, number))).contains("was not found");
        assertThat(api.send("POST", "/api/phone-numbers/" + numberId + "/restore", ada, null)
                        .status())
                .isEqualTo(202);
        assertThat(lookUp(ada, number).status()).isEqualTo(200);

        assertThat(api.send("DELETE", "/api/assistants/" + assistant, ada, null).status())
                .isEqualTo(202);
        // before its numbers are unassigned and after: either way nothing answers
        assertThat(message(lookUp(ada, number))).contains("reaches no assistant");
    }

    @Test
    void numbersNotWrittenInE164AreNotFound() {
        for (String odd : List.of("abc", "4930123456", "+0123", "+" + "1".repeat(16), "%2B49%0A30")) {
            Answer answer = lookUp(ada, odd);
            assertThat(answer.status()).as(odd).isEqualTo(404);
            assertThat(answer.errorCode()).as(odd).isEqualTo("not_found");
        }
    }

    @Test
    void anAnswerWithCredentialsIsCountedForItsOrganizationAndCaller() {
        publish();
        String number = freeNumber();
        created(api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", number, "assistant_id", assistant)));
        double before = credentialReads(ada.id(), ada.id());
        double answeredBefore =
                metrics.counter(CallStartMetrics.LOOKUPS, "outcome", "answered").count();

        lookUp(ada, number);
        lookUp(ada, number);
        lookUp(ada, freeNumber());

        assertThat(credentialReads(ada.id(), ada.id()) - before).isEqualTo(2.0);
        assertThat(metrics.counter(CallStartMetrics.LOOKUPS, "outcome", "answered")
                                .count()
                        - answeredBefore)
                .isEqualTo(2.0);
    }

    @Test
    void onlyAnAdministratorLooksUpAndTheAnswerIsNeverKept() {
        publish();
        String number = freeNumber();
        created(api.send("POST", "/api/phone-numbers", ada, Map.of("phone_number", number, "assistant_id", assistant)));
        String organization = ada.id();
        User editor = api.signUp(unique("eve"), "Eve");
        String token = api.send(
                        "POST",
                        "/api/organizations/" + organization + "/invitations",
                        ada,
                        Map.of("email", editor.email(), "role", "editor"))
                .data()
                .path("token")
                .asText();
        assertThat(api.send("POST", "/api/invitations/" + token + "/accept", editor, null)
                        .status())
                .isEqualTo(202);

        Answer refused = api.send(
                "GET", "/api/runtime/phone-numbers/" + number, editor, null, Map.of("X-Organization-Id", organization));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("error").path("message").asText()).contains("'admin'");
        assertThat(refused.body().toString()).doesNotContain(TOKEN);
    }

    private double credentialReads(String organization, String actor) {
        var counter = metrics.find(CallStartMetrics.CREDENTIAL_READS)
                .tags("organization", organization, "actor", actor)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private void publish() {
        Answer published = api.send("POST", "/api/assistants/" + assistant + "/versions", ada, Map.of());
        assertThat(published.status()).as(published.toString()).isIn(201, 202);
    }

    private Answer lookUp(User user, String number) {
        return api.send("GET", "/api/runtime/phone-numbers/" + number, user, null);
    }

    private static String message(Answer answer) {
        return answer.body().path("error").path("message").asText();
    }

    private static String created(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isIn(201, 202);
        return answer.data().path("id").asText();
    }

    private static String freeNumber() {
        return "+4930" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }
}
