package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuration as code as API.md describes it: an organization's configuration exported as one bundle (JSON or
 * YAML), planned against an organization without writing, and applied all or nothing, with drift since the plan
 * refused.
 */
class ConfigAsCodeIT extends PlatformIT {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String TOKEN = "tok_" + UUID.randomUUID().toString().replace("-", "");
    private static final String HEADER_KEY =
            "hdr_" + UUID.randomUUID().toString().replace("-", "");
    private static final String QUERY_KEY =
            "qry_" + UUID.randomUUID().toString().replace("-", "");
    /** Every credential of the calendar tool, by the name its placeholder gives it. */
    private static final Map<String, String> SECRETS = Map.of(
            "calendar.authentication.token", TOKEN,
            "calendar.headers.X-Api-Key", HEADER_KEY,
            "calendar.endpoint.api_key", QUERY_KEY);

    private static final String HOURS = "Open Monday to Friday, 8 to 18.";

    private Api.User founder;
    private Api owner;
    private String number;

    @BeforeEach
    void anOrganizationWithAnAssistantItsToolItsFileAndANumberReachingIt() {
        founder = api().signUp();
        owner = inNewOrganization("Example Dental");
        String tool = created(owner.post(
                "/api/tools",
                Map.of(
                        "name",
                        "Calendar",
                        "endpoint",
                        "https://tools.example.com/calendar?api_key=" + QUERY_KEY + "&view=week",
                        "headers",
                        Map.of("Accept", "application/json", "X-Api-Key", HEADER_KEY),
                        "authentication",
                        Map.of("type", "bearer", "token", TOKEN))));
        String file = upload(owner);
        String assistant = created(owner.post(
                "/api/assistants",
                Map.of(
                        "name",
                        "Front desk",
                        "system_prompt",
                        "You are the front desk.",
                        "temperature",
                        0.7,
                        "capabilities",
                        Map.of("transfer", true),
                        "tool_ids",
                        List.of(tool),
                        "file_ids",
                        List.of(file))));
        assertThat(owner.put(
                                "/api/assistants/" + assistant + "/files",
                                Map.of("file_id", file, "config", Map.of("priority", 1)))
                        .status())
                .isEqualTo(200);
        number = "+4930" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        created(owner.post(
                "/api/phone-numbers",
                Map.of("phone_number", number, "friendly_name", "Berlin office", "assistant_id", assistant)));
    }

    @Test
    void anExportNamesEveryResourceByRefAndNoCredentialNorId() {
        Api.Response export = owner.get("/api/config/export");

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/json");
        JsonNode bundle = export.json();
        assertThat(bundle.path("version").asInt()).isEqualTo(1);
        JsonNode tool = bundle.path("tools").get(0);
        assertThat(tool.path("ref").asText()).isEqualTo("calendar");
        assertThat(tool.path("authentication").path("token").asText())
                .isEqualTo("${secret:calendar.authentication.token}");
        assertThat(tool.path("headers").path("X-Api-Key").asText())
                .as(tool.toString())
                .isEqualTo("${secret:calendar.headers.X-Api-Key}");
        assertThat(tool.path("headers").path("Accept").asText()).isEqualTo("application/json");
        assertThat(tool.path("endpoint").asText())
                .isEqualTo("https://tools.example.com/calendar?api_key=${secret:calendar.endpoint.api_key}&view=week");
        JsonNode assistant = bundle.path("assistants").get(0);
        assertThat(assistant.path("ref").asText()).isEqualTo("front-desk");
        assertThat(assistant.path("system_prompt").asText()).isEqualTo("You are the front desk.");
        assertThat(assistant.path("tools")).containsExactly(Api.JSON.valueToTree("calendar"));
        assertThat(assistant.path("files").get(0).path("ref").asText()).isEqualTo("hours-txt");
        assertThat(assistant
                        .path("files")
                        .get(0)
                        .path("config")
                        .path("priority")
                        .asInt())
                .isEqualTo(1);
        JsonNode file = bundle.path("files").get(0);
        assertThat(file.path("sha256").asText()).hasSize(64);
        assertThat(file.path("file_size").asLong()).isEqualTo(HOURS.getBytes(StandardCharsets.UTF_8).length);
        JsonNode phoneNumber = bundle.path("phone_numbers").get(0);
        assertThat(phoneNumber.path("phone_number").asText()).isEqualTo(number);
        assertThat(phoneNumber.path("assistant").asText()).isEqualTo("front-desk");
        assertThat(export.text())
                .doesNotContain(TOKEN)
                .doesNotContain(HEADER_KEY)
                .doesNotContain(QUERY_KEY)
                .doesNotContain("\"id\"")
                .doesNotContain(HOURS);
    }

    @Test
    void anExportAppliedToAnEmptyOrganizationExportsTheSameBundle() {
        JsonNode exported = owner.get("/api/config/export").json();
        // a number belongs to one organization at a time: released here, it can be bought there
        String numberId = owner.get("/api/phone-numbers?q=" + number.substring(1))
                .data()
                .get(0)
                .path("id")
                .asText();
        assertThat(owner.delete("/api/phone-numbers/" + numberId).status()).isEqualTo(200);
        Api empty = inNewOrganization("Example Dental staging");
        upload(empty);

        Api.Response applied = empty.post("/api/config/apply", Map.of("bundle", exported, "secrets", SECRETS));

        assertThat(applied.status()).as(applied.toString()).isEqualTo(200);
        assertThat(applied.text())
                .doesNotContain(TOKEN)
                .doesNotContain(HEADER_KEY)
                .doesNotContain(QUERY_KEY);
        assertThat(actions(applied.data().path("resources")))
                .containsExactly(
                        "tool:calendar create",
                        "file:hours-txt unchanged",
                        "assistant:front-desk create",
                        "phone_number:" + number.substring(1) + " create");
        applied.data()
                .path("resources")
                .forEach(resource -> assertThat(resource.path("revision").asLong())
                        .as(resource.toString())
                        .isPositive());
        assertThat(empty.get("/api/config/export").json()).isEqualTo(exported);
    }

    @Test
    void theExportedBundlePlansAllUnchanged() {
        JsonNode exported = owner.get("/api/config/export").json();

        Api.Response plan = owner.post("/api/config/plan", Map.of("bundle", exported));

        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.data().path("fingerprint").asText()).isNotBlank();
        assertThat(actions(plan.data().path("changes")))
                .containsExactly(
                        "tool:calendar unchanged",
                        "file:hours-txt unchanged",
                        "assistant:front-desk unchanged",
                        "phone_number:" + number.substring(1) + " unchanged");
    }

    @Test
    void theStoredCredentialsGivenAgainAreNoChangeAndAnotherOneIsAnUpdateNeverAnswered() {
        JsonNode exported = owner.get("/api/config/export").json();
        Map<String, String> rotated = new HashMap<>(SECRETS);
        String newToken = "tok_" + UUID.randomUUID();
        rotated.put("calendar.authentication.token", newToken);

        Api.Response same = owner.post("/api/config/plan", Map.of("bundle", exported, "secrets", SECRETS));
        Api.Response other = owner.post("/api/config/plan", Map.of("bundle", exported, "secrets", rotated));

        assertThat(same.data().path("summary").path("unchanged").asInt())
                .as(same.toString())
                .isEqualTo(4);
        JsonNode calendar = other.data().path("changes").get(0);
        assertThat(calendar.path("action").asText()).as(other.toString()).isEqualTo("update");
        assertThat(fieldNames(calendar.path("changes"))).containsExactly("authentication");
        assertThat(other.text()).doesNotContain(newToken).doesNotContain(TOKEN);
    }

    @Test
    void oneChangedPromptPlansExactlyOneUpdateOfThatField() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        ((ObjectNode) bundle.path("assistants").get(0)).put("system_prompt", "You are the night desk.");

        Api.Response plan = owner.post("/api/config/plan", Map.of("bundle", bundle));

        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        List<JsonNode> updates = new ArrayList<>();
        plan.data().path("changes").forEach(change -> {
            if (!change.path("action").asText().equals("unchanged")) {
                updates.add(change);
            }
        });
        assertThat(updates).hasSize(1);
        JsonNode update = updates.get(0);
        assertThat(update.path("action").asText()).isEqualTo("update");
        assertThat(update.path("ref").asText()).isEqualTo("front-desk");
        assertThat(fieldNames(update.path("changes"))).containsExactly("system_prompt");
        assertThat(update.path("changes").path("system_prompt").path("from").asText())
                .isEqualTo("You are the front desk.");
        assertThat(update.path("changes").path("system_prompt").path("to").asText())
                .isEqualTo("You are the night desk.");
        assertThat(owner.get("/api/config/export")
                        .json()
                        .path("assistants")
                        .get(0)
                        .path("system_prompt")
                        .asText())
                .as("a plan writes nothing")
                .isEqualTo("You are the front desk.");
    }

    @Test
    void pruneAloneDeletesWhatTheBundleLacks() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        bundle.putArray("phone_numbers");
        ((ObjectNode) bundle.path("assistants").get(0)).putArray("tools");
        bundle.putArray("tools");

        Api.Response kept = owner.post("/api/config/plan", Map.of("bundle", bundle));
        Api.Response pruned = owner.post("/api/config/plan", Map.of("bundle", bundle, "prune", true));

        assertThat(actions(kept.data().path("changes")))
                .containsExactly("file:hours-txt unchanged", "assistant:front-desk update");
        assertThat(actions(pruned.data().path("changes")))
                .containsExactly(
                        "file:hours-txt unchanged",
                        "assistant:front-desk update",
                        "tool:calendar delete",
                        "phone_number:" + number.substring(1) + " delete");
        assertThat(pruned.data().path("summary").path("delete").asInt()).isEqualTo(2);
    }

    @Test
    void anApplyChangesWhatThePlanSaidAndTwiceChangesNothingTheSecondTime() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        ((ObjectNode) bundle.path("assistants").get(0)).put("system_prompt", "You are the night desk.");
        ObjectNode weather = ((ArrayNode) bundle.path("tools")).addObject();
        weather.put("ref", "weather").put("name", "Weather").put("endpoint", "https://tools.example.com/weather");
        ((ArrayNode) bundle.path("assistants").get(0).path("tools")).add("weather");
        String fingerprint = owner.post("/api/config/plan", Map.of("bundle", bundle))
                .data()
                .path("fingerprint")
                .asText();

        Api.Response first = owner.post("/api/config/apply", Map.of("bundle", bundle, "fingerprint", fingerprint));
        Api.Response second = owner.post("/api/config/apply", Map.of("bundle", bundle));

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(actions(first.data().path("resources")))
                .containsExactly(
                        "tool:calendar unchanged",
                        "tool:weather create",
                        "file:hours-txt unchanged",
                        "assistant:front-desk update",
                        "phone_number:" + number.substring(1) + " unchanged");
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.data().path("summary").path("unchanged").asInt()).isEqualTo(5);
        assertThat(revisions(second.data().path("resources")))
                .isEqualTo(revisions(first.data().path("resources")));
        JsonNode assistant =
                owner.get("/api/config/export").json().path("assistants").get(0);
        assertThat(assistant.path("system_prompt").asText()).isEqualTo("You are the night desk.");
        assertThat(assistant.path("tools")).hasSize(2);
    }

    @Test
    void aChangeBySomeoneElseBetweenPlanAndApplyIsDriftAndNothingIsApplied() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        ((ObjectNode) bundle.path("assistants").get(0)).put("system_prompt", "You are the night desk.");
        String fingerprint = owner.post("/api/config/plan", Map.of("bundle", bundle))
                .data()
                .path("fingerprint")
                .asText();
        String assistant = owner.get("/api/assistants").data().get(0).path("id").asText();
        assertThat(owner.patch("/api/assistants/" + assistant, Map.of("first_message", "Hello!"))
                        .status())
                .isEqualTo(200);

        Api.Response applied = owner.post("/api/config/apply", Map.of("bundle", bundle, "fingerprint", fingerprint));

        assertThat(applied.status()).as(applied.toString()).isEqualTo(409);
        assertThat(applied.error().path("code").asText()).isEqualTo("conflict");
        assertThat(applied.error().path("details")).hasSize(1);
        assertThat(applied.error().path("details").get(0).path("field").asText())
                .isEqualTo("assistant:front-desk");
        assertThat(owner.get("/api/assistants/" + assistant)
                        .data()
                        .path("system_prompt")
                        .asText())
                .isEqualTo("You are the front desk.");
    }

    @Test
    void aWriteRefusedPartWayLeavesTheOrganizationAsItWas() {
        JsonNode before = owner.get("/api/config/export").json();
        ObjectNode bundle = before.deepCopy();
        ((ObjectNode) bundle.path("assistants").get(0)).put("system_prompt", "You are the night desk.");
        ((ArrayNode) bundle.path("tools")).addObject().put("name", "Weather").put("endpoint", "https://w.example.com");
        // a number another organization has: only its create, the last write, can find out
        String taken = "+4940" + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999);
        created(inNewOrganization("Elsewhere").post("/api/phone-numbers", Map.of("phone_number", taken)));
        ((ArrayNode) bundle.path("phone_numbers")).addObject().put("phone_number", taken);

        Api.Response applied = owner.post("/api/config/apply", Map.of("bundle", bundle));

        assertThat(applied.status()).as(applied.toString()).isEqualTo(409);
        assertThat(applied.error().path("message").asText()).contains("Nothing was applied");
        assertThat(owner.get("/api/config/export").json()).isEqualTo(before);
    }

    @Test
    void yamlIsProducedAndAcceptedAsJsonIs() throws IOException {
        JsonNode json = owner.get("/api/config/export").json();

        Api.Response yaml = owner.withHeader("Accept", "application/yaml").get("/api/config/export");

        assertThat(yaml.status()).as(yaml.toString()).isEqualTo(200);
        assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
        assertThat(YAML.readTree(yaml.text())).isEqualTo(json);
        String request = "bundle:\n" + yaml.text().indent(2);
        Api.Response plan = owner.send("POST", "/api/config/plan", request, "application/yaml");
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.data().path("summary").path("unchanged").asInt()).isEqualTo(4);
        Api.Response broken = owner.send("POST", "/api/config/plan", "bundle: [unclosed", "application/yaml");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.error().path("code").asText()).isEqualTo("malformed_json");
        Api.Response csv = owner.withHeader("Accept", "text/csv").get("/api/config/export");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(406);
        assertThat(csv.error().path("code").asText()).isEqualTo("not_acceptable");
    }

    @Test
    void aBadBundleIsRefusedNamingThePathOfEachBadField() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        ((ObjectNode) bundle.path("assistants").get(0)).put("temperature", 5);
        ((ArrayNode) bundle.path("assistants").get(0).path("tools")).add("nowhere");
        ((ObjectNode) bundle.path("tools").get(0)).put("colour", "blue");

        Api.Response plan = owner.post("/api/config/plan", Map.of("bundle", bundle));

        assertThat(plan.status()).as(plan.toString()).isEqualTo(400);
        assertThat(plan.error().path("code").asText()).isEqualTo("validation_failed");
        List<String> fields = new ArrayList<>();
        plan.error()
                .path("details")
                .forEach(detail -> fields.add(detail.path("field").asText()));
        assertThat(fields)
                .containsExactlyInAnyOrder(
                        "bundle.assistants[0].temperature", "bundle.assistants[0].tools[1]", "bundle.tools[0].colour");
    }

    @Test
    void aNewToolsCredentialMustBeGivenAndIsNeverAnswered() {
        ObjectNode bundle = (ObjectNode) owner.get("/api/config/export").json();
        ObjectNode crm = ((ArrayNode) bundle.path("tools")).addObject();
        crm.put("ref", "crm").put("name", "CRM").put("endpoint", "https://crm.example.com/lookup");
        crm.putObject("authentication").put("type", "bearer").put("token", "${secret:crm-token}");

        Api.Response missing = owner.post("/api/config/apply", Map.of("bundle", bundle));
        String secret = "crm_" + UUID.randomUUID();
        Api.Response plan =
                owner.post("/api/config/plan", Map.of("bundle", bundle, "secrets", Map.of("crm-token", secret)));

        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.error().path("details").get(0).path("field").asText())
                .isEqualTo("secrets.crm-token");
        assertThat(plan.status()).as(plan.toString()).isEqualTo(200);
        assertThat(plan.text()).doesNotContain(secret);
    }

    private Api inNewOrganization(String name) {
        Api.Response opened = api().as(founder).post("/api/organizations", Map.of("name", name));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        return api().as(founder)
                .withHeader("X-Organization-Id", opened.data().path("id").asText());
    }

    private static String upload(Api in) {
        return created(in.upload(
                "/api/files",
                Map.of("description", "Opening hours"),
                "hours.txt",
                HOURS.getBytes(StandardCharsets.UTF_8)));
    }

    /** Each resource as {@code kind:ref action}, in the answer's order. */
    private static List<String> actions(JsonNode resources) {
        List<String> actions = new ArrayList<>();
        resources.forEach(resource -> actions.add(resource.path("kind").asText() + ":"
                + resource.path("ref").asText() + " " + resource.path("action").asText()));
        return actions;
    }

    private static Map<String, Long> revisions(JsonNode resources) {
        Map<String, Long> revisions = new HashMap<>();
        resources.forEach(resource -> revisions.put(
                resource.path("id").asText(), resource.path("revision").asLong()));
        return revisions;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.data().path("id").asText();
    }
}
