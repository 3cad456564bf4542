package io.voicepartner.command.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.command.eventstore.CommandDatabase;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code V27__webhook_endpoint_lookup_and_parked_causes.sql} finds the webhook endpoints stored before it by their organization, as the
 * lookup processor keeps them from then on: a live one live, a deleted one deleted, so that erasing a person deletes
 * the endpoints of an organization made before the lookup existed.
 */
class WebhookEndpointLookupBackFillTest {

    @Test
    void theEndpointsStoredBeforeTheLookupAreFoundByTheirOrganization() {
        try (CommandDatabase database = CommandDatabase.createAt("26")) {
            store(database, "endpoint-live", 0, "WebhookEndpointCreated", created("endpoint-live", "org-1"));
            store(database, "endpoint-gone", 0, "WebhookEndpointCreated", created("endpoint-gone", "org-1"));
            store(
                    database,
                    "endpoint-gone",
                    1,
                    "WebhookEndpointDeleted",
                    "{\"endpoint_id\":\"endpoint-gone\",\"organization_id\":\"org-1\"}");
            store(database, "endpoint-other", 0, "WebhookEndpointCreated", created("endpoint-other", "org-2"));

            database.migrate();

            assertThat(database.jdbc()
                            .sql("SELECT endpoint_id || ' ' || owner_id || ' ' || deleted "
                                    + "FROM command.webhook_endpoint_lookup ORDER BY endpoint_id")
                            .query(String.class)
                            .list())
                    .containsExactly(
                            "endpoint-gone org-1 true", "endpoint-live org-1 false", "endpoint-other org-2 false");
        }
    }

    private static String created(String endpointId, String organizationId) {
        return "{\"endpoint_id\":\"" + endpointId + "\",\"organization_id\":\"" + organizationId
                + "\",\"url\":\"https://hooks.example.com\",\"event_types\":[\"*\"],\"description\":null,"
                + "\"secret\":{\"ciphertext\":\"v2:k:x\",\"last_four\":\"abcd\"}}";
    }

    private static void store(CommandDatabase database, String aggregateId, long sequence, String type, String json) {
        database.jdbc()
                .sql("INSERT INTO command.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, "
                        + "type, time_stamp, payload_type, payload) VALUES (?, ?, ?, 'WebhookEndpoint', "
                        + "'2026-12-01T00:00:00Z', ?, ?)")
                .params(
                        UUID.randomUUID().toString(),
                        aggregateId,
                        sequence,
                        "io.voicepartner.api.webhook." + type,
                        json.getBytes(StandardCharsets.UTF_8))
                .update();
    }
}
