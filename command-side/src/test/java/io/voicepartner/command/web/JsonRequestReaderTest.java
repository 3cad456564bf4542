package io.voicepartner.command.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.support.json.JsonConventions;
import io.voicepartner.support.web.ApiException;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a write body is read: what was sent, and every problem named where the client wrote it. */
class JsonRequestReaderTest {

    record Request(
            @Size(max = 5) String displayName, Map<String, @Size(max = 3) String> labels, List<Integer> limits) {}

    private final ObjectMapper json = JsonConventions.newObjectMapper();
    private final JsonRequestReader reader = new JsonRequestReader(
            json, Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void remembersWhichFieldsWereSentIncludingExplicitNulls() throws Exception {
        JsonRequestReader.Sent<Request> sent = reader.read(
                json.readTree("{\"display_name\": null, \"limits\": [1]}"),
                Request.class,
                Map.of(),
                Set.of(),
                Set.of());

        assertThat(sent.fields()).containsExactlyInAnyOrder("display_name", "limits");
        assertThat(sent.value().limits()).containsExactly(1);
    }

    @Test
    void namesRecordFieldsInSnakeCaseAndMapKeysExactlyAsSent() throws Exception {
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> reader.read(
                        json.readTree("{\"display_name\": \"far too long\", \"labels\": {\"teamName\": \"abcd\"}}"),
                        Request.class,
                        Map.of(),
                        Set.of(),
                        Set.of()));

        assertThat(refused.details()).extracting(FieldError::field).containsExactly("display_name", "labels.teamName");
    }

    @Test
    void namesAWrongTypeInsideAnObjectOrArrayWhereItIs() throws Exception {
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> reader.read(
                        json.readTree("{\"labels\": {\"team\": 7}, \"limits\": [1, \"two\"]}"),
                        Request.class,
                        Map.of(),
                        Set.of(),
                        Set.of()));

        assertThat(refused.details())
                .containsExactly(
                        new FieldError("labels.team", "must be a string"),
                        new FieldError("limits[1]", "must be an integer"));
    }

    @Test
    void refusesServerOwnedUnknownAndMissingFieldsTogether() throws Exception {
        ApiException refused = catchThrowableOfType(
                ApiException.class,
                () -> reader.read(
                        json.readTree("{\"id\": \"x\", \"colour\": \"blue\"}"),
                        Request.class,
                        Map.of(),
                        Set.of("display_name"),
                        Set.of()));

        assertThat(refused.details()).extracting(FieldError::field).containsExactly("colour", "display_name", "id");
    }
}
