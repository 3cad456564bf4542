package io.voicepartner.query.schema;

import io.voicepartner.api.web.ApiResponse;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /schema}: what a reader of this platform can rely on: the read-model tables as the database
 * catalogue has them (not a hand-kept list) and every event type with its fields and schema version. Served on the
 * API's port in development only: in production it is {@link SchemaEndpoint}'s, on the management port.
 */
@RestController
@ConditionalOnProperty(name = "voicepartner.security.production", havingValue = "false", matchIfMissing = true)
class SchemaController {

    record PlatformSchema(List<ReadModelCatalogue.Table> readModels, List<EventSchemas.EventSchema> events) {}

    private final ReadModelCatalogue readModels;

    SchemaController(ReadModelCatalogue readModels) {
        this.readModels = readModels;
    }

    @GetMapping("/schema")
    ApiResponse<PlatformSchema> schema() {
        return ApiResponse.of(new PlatformSchema(readModels.tables(), EventSchemas.all()));
    }
}
