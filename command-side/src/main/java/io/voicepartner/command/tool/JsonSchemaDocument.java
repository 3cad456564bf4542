package io.voicepartner.command.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Schema, valid against the meta-schema of the draft it declares in {@code $schema} (2020-12 if it
 * declares none). The meta-schemas come from the validator's own jar: nothing is fetched over the network,
 * and a {@code $ref} in the client's schema is only checked for its shape, never followed.
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = JsonSchemaDocument.Check.class)
@interface JsonSchemaDocument {

    String message() default "must be a JSON Schema";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<JsonSchemaDocument, Map<String, Object>> {

        private static final ObjectMapper JSON = new ObjectMapper();
        private static final SchemaRegistry META_SCHEMAS =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

        @Override
        public boolean isValid(Map<String, Object> value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            JsonNode schema = JSON.valueToTree(value);
            Optional<SpecificationVersion> draft = draftOf(schema.get("$schema"));
            if (draft.isEmpty()) {
                Violations.report(
                        context,
                        "declares a $schema that is not a JSON Schema draft this platform knows "
                                + "(4, 6, 7, 2019-09 or 2020-12)");
                return false;
            }
            List<Error> errors = META_SCHEMAS
                    .getSchema(SchemaLocation.of(draft.get().getDialectId()))
                    .validate(schema);
            if (errors.isEmpty()) {
                return true;
            }
            Violations.report(context, "is not a valid JSON Schema: " + errors.get(0));
            return false;
        }

        private static Optional<SpecificationVersion> draftOf(JsonNode declared) {
            if (declared == null) {
                return Optional.of(SpecificationVersion.DRAFT_2020_12);
            }
            return declared.isTextual() ? SpecificationVersion.fromDialectId(declared.asText()) : Optional.empty();
        }
    }
}
