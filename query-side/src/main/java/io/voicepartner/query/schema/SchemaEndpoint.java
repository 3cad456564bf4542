package io.voicepartner.query.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.web.ApiResponse;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The schema in production: {@code GET /actuator/schema} on the management port ({@code MANAGEMENT_PORT}), for
 * operators, instead of {@code /schema} on the API's port ({@link SchemaController}), so that a client of the API
 * does not learn the platform's tables from it (issue 17).
 */
@Component
@WebEndpoint(id = "schema")
@ConditionalOnProperty(name = "voicepartner.security.production", havingValue = "true")
class SchemaEndpoint {

    private final SchemaController schema;
    private final ObjectMapper json;

    SchemaEndpoint(ReadModelCatalogue readModels, ObjectMapper json) {
        this.schema = new SchemaController(readModels);
        this.json = json;
    }

    /** As a tree written by the API's mapper: the actuator's own would not name the fields in snake_case. */
    @ReadOperation
    JsonNode schema() {
        ApiResponse<SchemaController.PlatformSchema> body = schema.schema();
        return json.valueToTree(body);
    }
}
