package io.voicepartner.launcher;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small mix of everything a customer writes, each acknowledged write entered in the ledger: tools,
 * assistants using them, edits, assignments, a phone number reaching an assistant, and a deleted tool
 * (which takes itself off its assistants: events the platform writes on its own).
 */
final class Workload {

    private Workload() {}

    /** @return how many writes were sent */
    static int run(Api api, Ledger ledger, int users) {
        int sent = 0;
        for (int user = 0; user < users; user++) {
            Api customer = Writers.signUp(api);
            Api.Response kept = customer.post(
                    "/api/tools",
                    Map.of(
                            "name",
                            "Calendar " + user,
                            "endpoint",
                            "https://tools.example.com/calendar",
                            "authentication",
                            Map.of("type", "bearer", "token", "t-" + UUID.randomUUID())));
            Api.Response dropped = customer.post(
                    "/api/tools", Map.of("name", "Weather " + user, "endpoint", "https://tools.example.com/weather"));
            sent += 2;
            ledger.record("voicepartner.tools", kept);
            ledger.record("voicepartner.tools", dropped);
            String tool = kept.data().path("id").asText();
            for (int assistant = 0; assistant < 3; assistant++) {
                Api.Response created = customer.post(
                        "/api/assistants",
                        Map.of(
                                "name",
                                "Assistant " + assistant,
                                "tool_ids",
                                List.of(tool, dropped.data().path("id").asText())));
                sent++;
                if (!ledger.record("voicepartner.assistants", created)) {
                    continue;
                }
                String id = created.data().path("id").asText();
                ledger.record(
                        "voicepartner.assistants",
                        customer.patch(
                                "/api/assistants/" + id,
                                Map.of(
                                        "temperature",
                                        0.2 + assistant / 10.0,
                                        "capabilities",
                                        Map.of("transfer", true))));
                ledger.record(
                        "voicepartner.assistants",
                        customer.patch("/api/assistants/" + id, Map.of("status", "testing")));
                sent += 2;
                if (assistant == 0) {
                    ledger.record(
                            "voicepartner.phone-numbers",
                            customer.post(
                                    "/api/phone-numbers",
                                    Map.of(
                                            "phone_number",
                                            "+4930"
                                                    + (10_000_000
                                                            + Math.floorMod(
                                                                    UUID.randomUUID()
                                                                            .getLeastSignificantBits(),
                                                                    89_999_999L)),
                                            "assistant_id",
                                            id)));
                    sent++;
                }
            }
            ledger.record(
                    "voicepartner.tools",
                    customer.delete("/api/tools/" + dropped.data().path("id").asText()));
            ledger.record("voicepartner.tools", customer.patch("/api/tools/" + tool, Map.of("description", "edited")));
            sent += 2;
        }
        return sent;
    }
}
