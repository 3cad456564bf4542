package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/phone-numbers} as API.md specifies it, driven over HTTP like the frontend drives it. */
class PhoneNumbersIT extends PlatformIT {

    /** Subscriber numbers unique within the run: every test class shares one platform, and numbers are unique on it. */
    private static final AtomicLong LINES =
            new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000));

    private Api alice;

    @BeforeEach
    void signUp() {
        alice = api().as(api().signUp());
    }

    @Test
    void createStoresTheNumberAsE164AndAnswersItAsTheNextReadShowsIt() {
        String line = newBerlinLine();

        Api.Response created = alice.post(
                "/api/phone-numbers/",
                Map.of(
                        "phone_number",
                        "+49 30 " + line,
                        "friendly_name",
                        "Berlin hotline",
                        "monthly_price",
                        "1.15",
                        "currency",
                        "EUR"));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.data().path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/phone-numbers/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        JsonNode number = created.data();
        assertThat(number.path("phone_number").asText()).isEqualTo("+4930" + line);
        assertThat(number.path("country").asText()).isEqualTo("DE");
        assertThat(number.path("friendly_name").asText()).isEqualTo("Berlin hotline");
        assertThat(number.path("capabilities")).isEqualTo(json(Map.of("voice", true, "sms", false)));
        assertThat(number.path("provider").asText()).isEqualTo("other");
        assertThat(number.path("status").asText()).isEqualTo("active");
        assertThat(number.path("monthly_price").isTextual()).isTrue();
        assertThat(number.path("monthly_price").asText()).isEqualTo("1.15");
        assertThat(number.path("currency").asText()).isEqualTo("EUR");
        assertThat(number.path("configuration")).isEqualTo(json(Map.of()));
        assertThat(number.path("assistant_id").isNull()).isTrue();
        assertThat(number.path("usage").path("calls").asLong()).isZero();
        assertThat(number.path("usage").path("seconds").asLong()).isZero();
        assertThat(number.path("usage").path("minutes").decimalValue()).isEqualByComparingTo("0");
        assertThat(number.path("last_used").isNull()).isTrue();
        assertThat(number.path("purchased_at").asText())
                .isEqualTo(number.path("created_at").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(number.path("organization_id").asText()).isNotEmpty();
        assertThat(number.path("revision").asLong()).isEqualTo(1);

        Api.Response read = alice.get("/api/phone-numbers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo("\"1\"");
        assertThat(read.data()).isEqualTo(number);
    }

    @Test
    void aNationalNumberIsReadInTheCountryGiven() {
        String line = newBerlinLine();

        JsonNode number = alice.post("/api/phone-numbers", Map.of("phone_number", "(030) " + line, "country", "DE"))
                .data();

        assertThat(number.path("phone_number").asText()).isEqualTo("+4930" + line);
        assertThat(number.path("country").asText()).isEqualTo("DE");
    }

    @Test
    void aNumberOfAnotherCountryThanTheOneGivenIsRefusedNamingTheCountry() {
        Api.Response response =
                alice.post("/api/phone-numbers", Map.of("phone_number", "+49 30 " + newBerlinLine(), "country", "FR"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(fields(response)).containsExactly("country");
        assertThat(alice.get("/api/phone-numbers").data()).isEmpty();
    }

    @Test
    void aNumberIsUniqueAcrossThePlatformUntilItsOwnerDeletesIt() {
        Api bob = api().as(api().signUp());
        String line = newBerlinLine();
        String alicesId = create(alice, Map.of("phone_number", "+49 30 " + line));

        Api.Response taken = bob.post("/api/phone-numbers", Map.of("phone_number", "030 " + line, "country", "DE"));

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.error().path("code").asText()).isEqualTo("conflict");
        assertThat(taken.error().path("message").asText()).contains("+4930" + line);
        assertThat(bob.get("/api/phone-numbers").data()).isEmpty();

        assertThat(alice.delete("/api/phone-numbers/" + alicesId).status()).isEqualTo(200);
        Api.Response free = bob.post("/api/phone-numbers", Map.of("phone_number", "+4930" + line));
        assertThat(free.status()).as(free.toString()).isEqualTo(201);
        assertThat(free.data().path("phone_number").asText()).isEqualTo("+4930" + line);
    }

    @Test
    void ofConcurrentClaimsOfOneNumberOnlyOneWins() throws Exception {
        List<Api> claimants =
                List.of(alice, api().as(api().signUp()), api().as(api().signUp()), api().as(api().signUp()));
        Map<String, Object> body = Map.of("phone_number", "+49 30 " + newBerlinLine());
        CountDownLatch start = new CountDownLatch(1);
        // a thread each, so that the claims really are in flight together
        ExecutorService threads = Executors.newFixedThreadPool(claimants.size());
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Api.Response>> claims = claimants.stream()
                    .map(claimant -> threads.submit(() -> claim(claimant, body, start)))
                    .toList();
            start.countDown();
            for (Future<Api.Response> claim : claims) {
                statuses.add(claim.get(30, TimeUnit.SECONDS).status());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(statuses).containsExactlyInAnyOrder(201, 409, 409, 409);
        assertThat(claimants.stream()
                        .mapToInt(claimant ->
                                claimant.get("/api/phone-numbers").data().size())
                        .sum())
                .isEqualTo(1);
    }

    @Test
    void aNumberReachesOnlyAnAssistantOfItsOwner() {
        Api bob = api().as(api().signUp());
        String bobsAssistant = bob.post("/api/assistants", Map.of("name", "Bob's"))
                .data()
                .path("id")
                .asText();
        String alicesAssistant = alice.post("/api/assistants", Map.of("name", "Alice's"))
                .data()
                .path("id")
                .asText();

        Api.Response strangers = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+49 30 " + newBerlinLine(), "assistant_id", bobsAssistant));
        Api.Response own = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+49 30 " + newBerlinLine(), "assistant_id", alicesAssistant));

        assertThat(strangers.status()).isEqualTo(404);
        assertThat(strangers.error().path("code").asText()).isEqualTo("not_found");
        assertThat(strangers.error().path("message").asText()).contains(bobsAssistant);
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.data().path("assistant_id").asText()).isEqualTo(alicesAssistant);

        Api.Response moved = alice.patch(
                "/api/phone-numbers/" + own.data().path("id").asText(), Map.of("assistant_id", bobsAssistant));
        assertThat(moved.status()).isEqualTo(404);
        assertThat(moved.error().path("message").asText()).contains(bobsAssistant);
    }

    @Test
    void deletingAnAssistantUnassignsItsNumbers() throws IOException {
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String other = alice.post("/api/assistants", Map.of("name", "Bookings"))
                .data()
                .path("id")
                .asText();
        String first = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine(), "assistant_id", assistant));
        String second = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine(), "assistant_id", assistant));
        String elsewhere = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine(), "assistant_id", other));

        assertThat(alice.delete("/api/assistants/" + assistant).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String id : List.of(first, second)) {
                JsonNode number = alice.get("/api/phone-numbers/" + id).data();
                assertThat(number.path("assistant_id").isNull())
                        .as(number.toString())
                        .isTrue();
                assertThat(number.path("revision").asLong()).isEqualTo(2);
            }
        });
        assertThat(alice.get("/api/phone-numbers?assistant_id=" + assistant).data())
                .isEmpty();
        assertThat(alice.get("/api/phone-numbers/" + elsewhere)
                        .data()
                        .path("assistant_id")
                        .asText())
                .isEqualTo(other);

        JsonNode unassigned = Api.JSON.readTree(new TopicReader(TestInfrastructure.kafkaBootstrapServers())
                .recordsWithKey("voicepartner.phone-numbers", first, 2)
                .get(1)
                .value());
        assertThat(unassigned.path("type").asText()).isEqualTo("PhoneNumberUpdated");
        assertThat(unassigned.path("actor").asText()).isEqualTo("system");
        assertThat(unassigned.path("data").path("changed_fields")).isEqualTo(json(List.of("assistant_id")));
    }

    @Test
    void everyInvalidFieldIsNamedAtOnce() {
        Map<String, Object> body = new HashMap<>();
        body.put("phone_number", "call me maybe");
        body.put("friendly_name", "x".repeat(201));
        body.put("capabilities", Map.of("video", true));
        body.put("country", "de");
        body.put("region", "r".repeat(101));
        body.put("locality", "l".repeat(101));
        body.put("provider", "carrier pigeon");
        body.put("monthly_price", 1.15);
        body.put("configuration", "loud");
        body.put("status", "sold");
        body.put("assistant_id", 42);
        body.put("usage", Map.of("calls", 1000));
        body.put("purchased_at", "2026-01-01T00:00:00.000Z");
        body.put("last_used", "2026-01-01T00:00:00.000Z");
        body.put("owner_id", "someone");
        body.put("colour", "blue");

        Api.Response response = alice.post("/api/phone-numbers", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().path("code").asText()).isEqualTo("validation_failed");
        assertThat(fields(response))
                .containsExactlyInAnyOrder(
                        "phone_number",
                        "friendly_name",
                        "capabilities.video",
                        "country",
                        "region",
                        "locality",
                        "provider",
                        "monthly_price",
                        "currency",
                        "configuration",
                        "status",
                        "assistant_id",
                        "usage",
                        "purchased_at",
                        "last_used",
                        "owner_id",
                        "colour");
        assertThat(alice.get("/api/phone-numbers").data()).isEmpty();
    }

    @Test
    void moneyIsADecimalStringInAKnownCurrency() {
        Api.Response response = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+49 30 " + newBerlinLine(), "monthly_price", "1,15", "currency", "EURO"));
        Api.Response precise = alice.post(
                "/api/phone-numbers",
                Map.of("phone_number", "+49 30 " + newBerlinLine(), "monthly_price", "0012.5000", "currency", "USD"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("monthly_price", "currency");
        assertThat(precise.status()).isEqualTo(201);
        assertThat(precise.data().path("monthly_price").asText()).isEqualTo("12.5000");
    }

    @Test
    void aNumberIsRequiredAndCannotBeCleared() {
        Api.Response missing = alice.post("/api/phone-numbers", Map.of("friendly_name", "No number"));
        String id = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine()));
        Api.Response cleared =
                alice.send("PATCH", "/api/phone-numbers/" + id, "{\"phone_number\": null}", "application/json");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("phone_number");
        assertThat(cleared.status()).isEqualTo(400);
        assertThat(fields(cleared)).containsExactly("phone_number");
    }

    @Test
    void updateChangesOnlyTheFieldsSentAndMergesCapabilitiesAndConfiguration() {
        String id = create(
                alice,
                Map.of(
                        "phone_number",
                        "+49 30 " + newBerlinLine(),
                        "friendly_name",
                        "Hotline",
                        "region",
                        "Berlin",
                        "configuration",
                        Map.of("recording", Map.of("enabled", true, "retention_days", 30))));
        Map<String, Object> recording = new HashMap<>();
        recording.put("retention_days", null);
        Map<String, Object> capabilities = new HashMap<>();
        capabilities.put("sms", true);
        capabilities.put("voice", null);
        Map<String, Object> patch = new HashMap<>();
        patch.put("capabilities", capabilities);
        patch.put("configuration", Map.of("recording", recording, "greeting", "Hallo"));
        patch.put("region", null);

        Api.Response updated =
                alice.send("PATCH", "/api/phone-numbers/" + id, Api.write(patch), "application/merge-patch+json");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.header("ETag")).isEqualTo("\"2\"");
        JsonNode number = updated.data();
        assertThat(number.path("revision").asLong()).isEqualTo(2);
        assertThat(number.path("friendly_name").asText()).isEqualTo("Hotline");
        assertThat(number.path("region").isNull()).isTrue();
        assertThat(number.path("capabilities")).isEqualTo(json(Map.of("sms", true)));
        assertThat(number.path("configuration"))
                .isEqualTo(json(Map.of("recording", Map.of("enabled", true), "greeting", "Hallo")));
        assertThat(alice.get("/api/phone-numbers/" + id).data()).isEqualTo(number);

        Api.Response unchanged = alice.put("/api/phone-numbers/" + id, Map.of("friendly_name", "Hotline"));
        assertThat(unchanged.status()).isEqualTo(200);
        assertThat(unchanged.data().path("revision").asLong()).isEqualTo(2);
    }

    @Test
    void aNewNumberBringsItsCountryWhichCannotChangeAlone() {
        String id = create(
                alice, Map.of("phone_number", "+49 30 " + newBerlinLine(), "monthly_price", "1.00", "currency", "EUR"));
        String london = "+44 20 7" + newBerlinLine().substring(1);

        Api.Response moved = alice.put("/api/phone-numbers/" + id, Map.of("phone_number", london));
        Api.Response countryAlone = alice.patch("/api/phone-numbers/" + id, Map.of("country", "FR"));
        Api.Response sameCountry = alice.patch("/api/phone-numbers/" + id, Map.of("country", "GB"));
        Api.Response price = alice.patch("/api/phone-numbers/" + id, Map.of("monthly_price", "2.50"));
        Api.Response currencyAlone =
                alice.send("PATCH", "/api/phone-numbers/" + id, "{\"currency\": null}", "application/json");

        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.data().path("phone_number").asText()).isEqualTo(london.replace(" ", ""));
        assertThat(moved.data().path("country").asText()).isEqualTo("GB");
        assertThat(countryAlone.status()).isEqualTo(400);
        assertThat(countryAlone.error().path("details").findValuesAsText("field"))
                .containsExactly("country");
        assertThat(sameCountry.status()).isEqualTo(200);
        assertThat(price.data().path("monthly_price").asText()).isEqualTo("2.50");
        assertThat(price.data().path("currency").asText()).isEqualTo("EUR");
        assertThat(currencyAlone.status()).isEqualTo(400);
        assertThat(currencyAlone.error().path("details").findValuesAsText("field"))
                .containsExactly("currency");
        assertThat(alice.get("/api/phone-numbers/" + id).data().path("revision").asLong())
                .isEqualTo(3);
    }

    @Test
    void serverOwnedFieldsAreNotWritableThroughAnUpdate() {
        String id = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine()));

        Api.Response response = alice.put(
                "/api/phone-numbers/" + id,
                Map.of(
                        "usage",
                        Map.of("calls", 0),
                        "purchased_at",
                        "2026-01-01T00:00:00.000Z",
                        "last_used",
                        "2026-01-01T00:00:00.000Z",
                        "revision",
                        1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("usage", "purchased_at", "last_used", "revision");
        assertThat(alice.get("/api/phone-numbers/" + id).data().path("revision").asLong())
                .isEqualTo(1);
    }

    @Test
    void ifMatchGuardsAgainstLostUpdates() {
        String id = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine()));
        assertThat(alice.withHeader("If-Match", "\"1\"")
                        .patch("/api/phone-numbers/" + id, Map.of("friendly_name", "First"))
                        .status())
                .isEqualTo(200);

        Api.Response stale = alice.withHeader("If-Match", "\"1\"")
                .patch("/api/phone-numbers/" + id, Map.of("friendly_name", "Second"));
        Api.Response staleDelete = alice.withHeader("If-Match", "\"1\"").delete("/api/phone-numbers/" + id);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.error().path("code").asText()).isEqualTo("revision_mismatch");
        assertThat(staleDelete.status()).isEqualTo(412);
        assertThat(alice.get("/api/phone-numbers/" + id)
                        .data()
                        .path("friendly_name")
                        .asText())
                .isEqualTo("First");
        assertThat(alice.withHeader("If-Match", "\"2\"")
                        .delete("/api/phone-numbers/" + id)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void deleteMakesTheNumberGoneForEveryRoute() {
        String id = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine()));

        Api.Response deleted = alice.delete("/api/phone-numbers/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        assertThat(alice.get("/api/phone-numbers/" + id).status()).isEqualTo(404);
        assertThat(alice.patch("/api/phone-numbers/" + id, Map.of("friendly_name", "Back"))
                        .status())
                .isEqualTo(404);
        assertThat(alice.delete("/api/phone-numbers/" + id).status()).isEqualTo(404);
        assertThat(alice.get("/api/phone-numbers").data()).isEmpty();
    }

    @Test
    void listsNewestFirstPageByPageWithACursor() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine())));
        }

        Api.Response first = alice.get("/api/phone-numbers?limit=2");
        Api.Response second = alice.get("/api/phone-numbers/?limit=2&cursor=" + nextCursor(first));
        Api.Response last = alice.get("/api/phone-numbers?limit=2&cursor=" + nextCursor(second));

        assertThat(first.json().path("meta").path("total").asLong()).isEqualTo(5);
        assertThat(first.json().path("meta").path("limit").asInt()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        for (Api.Response page : List.of(first, second, last)) {
            page.data().forEach(number -> listed.add(number.path("id").asText()));
        }
        Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(last.json().path("meta").path("next_cursor").isNull()).isTrue();
    }

    @Test
    void listsFilterByStatusAssistantCountryAndText() {
        String assistant = alice.post("/api/assistants", Map.of("name", "Front desk"))
                .data()
                .path("id")
                .asText();
        String berlinLine = newBerlinLine();
        create(
                alice,
                Map.of(
                        "phone_number",
                        "+49 30 " + berlinLine,
                        "friendly_name",
                        "Berlin Sales",
                        "assistant_id",
                        assistant));
        create(
                alice,
                Map.of(
                        "phone_number",
                        "+49 30 " + newBerlinLine(),
                        "friendly_name",
                        "berlin support",
                        "status",
                        "inactive"));
        create(alice, Map.of("phone_number", "+1 212 555 0" + berlinLine.substring(0, 3), "friendly_name", "New York"));

        assertThat(names("/api/phone-numbers?status=inactive")).containsExactly("berlin support");
        assertThat(names("/api/phone-numbers?assistant_id=" + assistant)).containsExactly("Berlin Sales");
        assertThat(names("/api/phone-numbers?country=US")).containsExactly("New York");
        assertThat(names("/api/phone-numbers?country=de")).containsExactlyInAnyOrder("Berlin Sales", "berlin support");
        assertThat(names("/api/phone-numbers?q=BERLIN")).containsExactlyInAnyOrder("Berlin Sales", "berlin support");
        assertThat(names("/api/phone-numbers?q=%2B49%2030%20" + berlinLine)).containsExactly("Berlin Sales");
        assertThat(names("/api/phone-numbers?q=100%25")).isEmpty();
        assertThat(names("/api/phone-numbers?status=active&country=DE&q=sales&assistant_id=" + assistant))
                .containsExactly("Berlin Sales");
        assertThat(alice.get("/api/phone-numbers?status=inactive")
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void refusesInvalidListParametersNamingEachOne() {
        Api.Response response = alice.get("/api/phone-numbers?limit=500&status=sold&country=Germany&cursor=nonsense");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactlyInAnyOrder("limit", "status", "country", "cursor");
    }

    @Test
    void anotherUsersNumberDoesNotExistForYou() {
        Api bob = api().as(api().signUp());
        String id = create(alice, Map.of("phone_number", "+49 30 " + newBerlinLine(), "friendly_name", "Alice's"));

        assertThat(bob.get("/api/phone-numbers/" + id).status()).isEqualTo(404);
        assertThat(bob.put("/api/phone-numbers/" + id, Map.of("friendly_name", "Bob's now"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.patch("/api/phone-numbers/" + id, Map.of("friendly_name", "Bob's now"))
                        .status())
                .isEqualTo(404);
        assertThat(bob.withHeader("If-Match", "\"1\"")
                        .delete("/api/phone-numbers/" + id)
                        .status())
                .isEqualTo(404);
        assertThat(bob.get("/api/phone-numbers").data()).isEmpty();
        assertThat(bob.get("/api/phone-numbers")
                        .json()
                        .path("meta")
                        .path("total")
                        .asLong())
                .isZero();

        JsonNode untouched = alice.get("/api/phone-numbers/" + id).data();
        assertThat(untouched.path("friendly_name").asText()).isEqualTo("Alice's");
        assertThat(untouched.path("revision").asLong()).isEqualTo(1);
    }

    private static String newBerlinLine() {
        return Long.toString(LINES.getAndIncrement());
    }

    private static Api.Response claim(Api caller, Map<String, Object> body, CountDownLatch start)
            throws InterruptedException {
        start.await();
        return caller.post("/api/phone-numbers", body);
    }

    private static String create(Api caller, Map<String, Object> number) {
        Api.Response created = caller.post("/api/phone-numbers", number);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private List<String> names(String path) {
        Api.Response response = alice.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().findValuesAsText("friendly_name");
    }

    private static List<String> fields(Api.Response response) {
        return response.error().path("details").findValuesAsText("field");
    }

    private static String nextCursor(Api.Response page) {
        return page.json().path("meta").path("next_cursor").asText();
    }

    private static JsonNode json(Object value) {
        return Api.JSON.valueToTree(value);
    }
}
