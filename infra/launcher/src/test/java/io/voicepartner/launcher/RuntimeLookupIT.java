package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.organization.Role;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime's call-start lookup as API.md describes it, on the whole platform: an organization's admin asks
 * {@code GET /api/runtime/phone-numbers/{e164}} what answers a number and gets the answering version's frozen
 * configuration with its tools' credentials in clear, while every other read of the same tool and version still
 * masks them.
 */
class RuntimeLookupIT extends PlatformIT {

    private static final String TOKEN =
            "sk_live_" + UUID.randomUUID().toString().replace("-", "");
    private static final String HEADER_KEY =
            "hdr_" + UUID.randomUUID().toString().replace("-", "");
    private static final String QUERY_KEY =
            "qry_" + UUID.randomUUID().toString().replace("-", "");

    private String organization;
    private Api.User founder;
    private Api owner;
    private String tool;
    private String file;
    private String assistant;

    @BeforeEach
    void anOrganizationWithAnAssistantWhoseCalendarNeedsCredentials() {
        founder = api().signUp();
        Api.Response opened = api().as(founder).post("/api/organizations", Map.of("name", "Example Dental"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        organization = opened.data().path("id").asText();
        owner = api().as(founder).withHeader("X-Organization-Id", organization);
        tool = created(owner.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Calendar",
                        "endpoint",
                        "https://tools.example.com/calendar?api_key=" + QUERY_KEY + "&view=week",
                        "headers",
                        Map.of("X-Api-Key", HEADER_KEY, "Accept", "application/json"),
                        "authentication",
                        Map.of("type", "bearer", "token", TOKEN))));
        file = created(owner.upload(
                "/api/files",
                Map.of("description", "Opening hours"),
                "hours.txt",
                "Open Monday to Friday, 8 to 18.".getBytes(StandardCharsets.UTF_8)));
        assistant = created(owner.post(
                "/api/assistants",
                Map.of(
                        "name",
                        "Front desk",
                        "system_prompt",
                        "You are the front desk.",
                        "tool_ids",
                        List.of(tool),
                        "file_ids",
                        List.of(file))));
    }

    @Test
    void aPublishedVersionAnswersWithItsToolsCredentialsInClearAndItsFilesReadable() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number = freeNumber();
        String numberId = created(owner.post(
                "/api/phone-numbers",
                Map.of("phone_number", number, "friendly_name", "Front desk", "assistant_id", assistant)));

        Api.Response answer = owner.get("/api/runtime/phone-numbers/" + number);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        JsonNode data = answer.data();
        assertThat(data.path("organization_id").asText()).isEqualTo(organization);
        assertThat(data.path("phone_number").path("id").asText()).isEqualTo(numberId);
        assertThat(data.path("assistant_id").asText()).isEqualTo(assistant);
        assertThat(data.path("version").path("number").asInt()).isEqualTo(1);
        assertThat(data.path("version").path("pinned").asBoolean()).isFalse();
        JsonNode version = owner.get(data.path("version").path("href").asText()).data();
        assertThat(data.path("version").path("config_hash").asText())
                .isEqualTo(version.path("config_hash").asText());
        assertThat(data.path("configuration").path("assistant"))
                .isEqualTo(version.path("configuration").path("assistant"));
        JsonNode calendar = data.path("configuration").path("tools").path(0);
        assertThat(calendar.path("endpoint").asText())
                .isEqualTo("https://tools.example.com/calendar?api_key=" + QUERY_KEY + "&view=week");
        assertThat(calendar.path("headers"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("Accept", "application/json", "X-Api-Key", HEADER_KEY)));
        assertThat(calendar.path("authentication"))
                .isEqualTo(Api.JSON.valueToTree(Map.of("type", "bearer", "token", TOKEN)));
        JsonNode hours = data.path("configuration").path("files").path(0);
        assertThat(hours.path("id").asText()).isEqualTo(file);
        assertThat(hours.path("description").asText()).isEqualTo("Opening hours");
        assertThat(owner.download(hours.path("content_href").asText()).body())
                .isEqualTo("Open Monday to Friday, 8 to 18.".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> owner.get(hours.path("text_href").asText()).status() == 200);
    }

    @Test
    void thePinnedVersionWinsOverALaterOne() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        assertThat(owner.patch("/api/assistants/" + assistant, Map.of("system_prompt", "Be brief."))
                        .status())
                .isEqualTo(200);
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String pinned = freeNumber();
        created(owner.post(
                "/api/phone-numbers",
                Map.of("phone_number", pinned, "assistant_id", assistant, "assistant_version", 1)));
        String following = freeNumber();
        created(owner.post("/api/phone-numbers", Map.of("phone_number", following, "assistant_id", assistant)));

        JsonNode one = owner.get("/api/runtime/phone-numbers/" + pinned).data();
        JsonNode latest = owner.get("/api/runtime/phone-numbers/" + following).data();

        assertThat(one.path("version").path("number").asInt()).isEqualTo(1);
        assertThat(one.path("version").path("pinned").asBoolean()).isTrue();
        assertThat(one.path("configuration")
                        .path("assistant")
                        .path("system_prompt")
                        .asText())
                .isEqualTo("You are the front desk.");
        assertThat(latest.path("version").path("number").asInt()).isEqualTo(2);
        assertThat(latest.path("configuration")
                        .path("assistant")
                        .path("system_prompt")
                        .asText())
                .isEqualTo("Be brief.");
    }

    @Test
    void aNumberWhoseAssistantHasPublishedNoVersionIsANotFoundThatSaysSo() {
        String number = freeNumber();
        created(owner.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)));

        Api.Response answer = owner.get("/api/runtime/phone-numbers/" + number);

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().path("code").asText()).isEqualTo("not_found");
        assertThat(answer.error().path("message").asText()).contains(number, assistant, "published no version");
    }

    @Test
    void anotherOrganizationsNumberIsNotFoundAsANumberNobodyHas() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number = freeNumber();
        created(owner.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)));
        Api stranger = api().as(api().signUp());
        String nobodys = freeNumber();

        Api.Response theirs = stranger.get("/api/runtime/phone-numbers/" + number);
        Api.Response none = stranger.get("/api/runtime/phone-numbers/" + nobodys);

        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.error().path("code").asText()).isEqualTo("not_found");
        assertThat(theirs.text().replace(number, "{number}"))
                .isEqualTo(none.text().replace(nobodys, "{number}"));
        assertThat(theirs.text()).doesNotContain(TOKEN, assistant, organization);
    }

    @Test
    void onlyAnAdminOrOwnerLooksUpAViewerAndAnEditorAreRefused() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number = freeNumber();
        created(owner.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)));

        for (Role role : Role.values()) {
            Api member = role == Role.OWNER
                    ? owner
                    : Organizations.join(owner, organization, api(), role)
                            .withHeader("X-Organization-Id", organization);
            Api.Response answer = member.get("/api/runtime/phone-numbers/" + number);
            if (role.includes(Role.ADMIN)) {
                assertThat(answer.status()).as(role + ": " + answer).isEqualTo(200);
            } else {
                assertThat(answer.status()).as(role + ": " + answer).isEqualTo(403);
                assertThat(answer.error().path("code").asText()).isEqualTo("forbidden");
                assertThat(answer.text()).doesNotContain(TOKEN, HEADER_KEY, QUERY_KEY);
            }
        }
    }

    @Test
    void everyOtherReadOfTheToolAndVersionStillMasksTheCredentials() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number = freeNumber();
        String numberId =
                created(owner.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)));
        assertThat(owner.get("/api/runtime/phone-numbers/" + number).text()).contains(TOKEN, HEADER_KEY, QUERY_KEY);

        for (String read : List.of(
                "/api/tools/" + tool,
                "/api/tools",
                "/api/assistants/" + assistant,
                "/api/assistants/" + assistant + "/tools",
                "/api/assistants/" + assistant + "/versions/1",
                "/api/assistants/" + assistant + "/versions/1/diff?against=current",
                "/api/phone-numbers/" + numberId,
                "/api/tools/" + tool + "/history",
                "/api/assistants/" + assistant + "/history")) {
            Api.Response response = owner.get(read);
            assertThat(response.status()).as(read + " → " + response).isEqualTo(200);
            assertThat(response.text()).as(read).doesNotContain(TOKEN, HEADER_KEY, QUERY_KEY);
        }
        JsonNode masked = owner.get("/api/assistants/" + assistant + "/versions/1")
                .data()
                .path("configuration")
                .path("tools")
                .path(0);
        assertThat(masked.path("authentication").path("token").asText()).isEqualTo("••••" + last4(TOKEN));
        assertThat(masked.path("headers").path("X-Api-Key").asText()).isEqualTo("••••" + last4(HEADER_KEY));
    }

    @Test
    void credentialReadsAreCountedPerOrganizationAndCaller() {
        assertThat(owner.post("/api/assistants/" + assistant + "/versions", Map.of())
                        .status())
                .isEqualTo(201);
        String number = freeNumber();
        created(owner.post("/api/phone-numbers", Map.of("phone_number", number, "assistant_id", assistant)));
        String actor = founder.id();
        double before = credentialReads(actor);

        owner.get("/api/runtime/phone-numbers/" + number);
        owner.get("/api/runtime/phone-numbers/" + number);

        assertThat(credentialReads(actor) - before).isEqualTo(2.0);
    }

    private double credentialReads(String actor) {
        Matcher sample = Pattern.compile("(?m)^voicepartner_runtime_credential_reads_total\\{([^}]*)} (\\S+)$")
                .matcher(api().get("/actuator/prometheus").text());
        double total = 0;
        while (sample.find()) {
            if (sample.group(1).contains("actor=\"" + actor + "\"")
                    && sample.group(1).contains("organization=\"" + organization + "\"")) {
                total += Double.parseDouble(sample.group(2));
            }
        }
        return total;
    }

    private static String last4(String secret) {
        return secret.substring(secret.length() - 4);
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }

    private static String freeNumber() {
        return "+4930" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
    }
}
