package io.voicepartner.launcher;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A small mix of everything a customer writes, each acknowledged write entered in the ledger: tools,
 * assistants using them, edits, assignments, a phone number reaching an assistant, and a deleted tool
 * (which takes itself off its assistants: events the platform writes on its own). The runtime's usage
 * reports come too (an execution of the tool, a call to the number): they are telemetry on topics of their
 * own, in no aggregate's stream and so not in the ledger, but their read models must survive what the
 * configuration's do.
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
            String firstAssistant = null;
            String number = null;
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
                if (firstAssistant == null) {
                    firstAssistant = id;
                }
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
                    Api.Response bought = customer.post(
                            "/api/phone-numbers",
                            Map.of(
                                    "phone_number",
                                    "+4930"
                                            + (10_000_000
                                                    + Math.floorMod(
                                                            UUID.randomUUID().getLeastSignificantBits(), 89_999_999L)),
                                    "assistant_id",
                                    id));
                    if (ledger.record("voicepartner.phone-numbers", bought)) {
                        number = bought.data().path("id").asText();
                    }
                    sent++;
                }
            }
            ledger.record(
                    "voicepartner.tools",
                    customer.delete("/api/tools/" + dropped.data().path("id").asText()));
            ledger.record("voicepartner.tools", customer.patch("/api/tools/" + tool, Map.of("description", "edited")));
            sent += 2;
            if (firstAssistant != null) {
                customer.post(
                        "/api/tools/" + tool + "/executions",
                        Map.of("duration_ms", 120, "success", true, "assistant_id", firstAssistant));
                if (number != null) {
                    customer.post(
                            "/api/phone-numbers/" + number + "/usage",
                            Map.of("call_seconds", 42, "direction", "inbound", "assistant_id", firstAssistant));
                }
            }
        }
        return sent;
    }
}
