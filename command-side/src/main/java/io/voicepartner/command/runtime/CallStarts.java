package io.voicepartner.command.runtime;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.lookup.CallStartLookups;
import io.voicepartner.command.lookup.CallStartLookups.AnsweredNumber;
import io.voicepartner.command.lookup.CallStartLookups.AnsweringVersion;
import io.voicepartner.command.runtime.CallStartAnswer.CallStartConfiguration;
import io.voicepartner.command.runtime.CallStartAnswer.CallStartFile;
import io.voicepartner.command.runtime.CallStartAnswer.CallStartNumber;
import io.voicepartner.command.runtime.CallStartAnswer.CallStartVersion;
import io.voicepartner.command.runtime.CallStartMetrics.Outcome;
import io.voicepartner.command.tool.ToolCredentials;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.web.ApiException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides what answers a phone number for the voice runtime: the caller's organization's live number, its live
 * assistant and the version it is pinned to or else the latest, with that version's tools' credentials decrypted.
 * Each way of not answering is a {@code 404} that says which, but a number the organization does not have is the
 * same {@code 404} whether nobody or another organization has it.
 */
@Component
class CallStarts {

    /** ITU-T E.164 as the platform stores numbers: a plus, a country code, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    /** The assistant's fields a version holds: all but status, which is not part of a version (ADR 0013). */
    private static final Set<String> VERSIONED_FIELDS = Arrays.stream(AssistantField.values())
            .filter(field -> field != AssistantField.STATUS)
            .map(AssistantField::wireName)
            .collect(Collectors.toUnmodifiableSet());

    private final CallStartLookups lookups;
    private final ToolCredentials credentials;
    private final CallStartMetrics metrics;
    private final ObjectMapper json;

    CallStarts(CallStartLookups lookups, ToolCredentials credentials, CallStartMetrics metrics, ObjectMapper json) {
        this.lookups = lookups;
        this.credentials = credentials;
        this.metrics = metrics;
        this.json = json;
    }

    /** @throws ApiException NOT_FOUND saying whether the number is unknown, reaches no assistant, or no version */
    CallStartAnswer answer(Caller caller, String phoneNumber) {
        if (!E164.matcher(phoneNumber).matches()) {
            // no number is stored in another form: the answer of a number nobody has
            throw unknown(phoneNumber);
        }
        AnsweredNumber number =
                lookups.find(caller.organizationId(), phoneNumber).orElseThrow(() -> unknown(phoneNumber));
        PhoneNumberConfiguration configuration = number.configuration();
        if (configuration.assistantId() == null || !number.assistantLive()) {
            throw notFound(
                    Outcome.NO_ASSISTANT,
                    new ApiException(
                            ErrorCode.NOT_FOUND,
                            "Phone number '" + phoneNumber
                                    + "' reaches no assistant: set its assistant_id with PATCH /api/phone-numbers/"
                                    + number.phoneNumberId() + "."));
        }
        AnsweringVersion version = number.version();
        if (version == null) {
            throw notFound(
                    Outcome.NO_PUBLISHED_VERSION,
                    new ApiException(
                            ErrorCode.NOT_FOUND,
                            "Phone number '"
                                    + phoneNumber + "' reaches assistant '" + configuration.assistantId()
                                    + "', which has published "
                                    + "no version: publish one with POST /api/assistants/" + configuration.assistantId()
                                    + "/versions."));
        }
        VersionConfiguration frozen = version.configuration();
        CallStartAnswer answer = new CallStartAnswer(
                caller.organizationId(),
                new CallStartNumber(
                        number.phoneNumberId(),
                        configuration.phoneNumber(),
                        configuration.friendlyName(),
                        configuration.status(),
                        configuration.provider(),
                        configuration.capabilities(),
                        configuration.configuration()),
                configuration.assistantId(),
                new CallStartVersion(
                        version.number(),
                        configuration.assistantVersion() != null,
                        version.configHash(),
                        version.publishedAt(),
                        version.publishedBy(),
                        "/api/assistants/" + configuration.assistantId() + "/versions/" + version.number()),
                new CallStartConfiguration(
                        assistant(frozen),
                        frozen.tools().stream().map(credentials::reveal).toList(),
                        frozen.files().stream().map(CallStarts::file).toList()));
        metrics.lookedUp(Outcome.ANSWERED);
        if (frozen.tools().stream().mapToInt(ToolCredentials::credentials).sum() > 0) {
            metrics.credentialsRead(caller.organizationId(), caller.actor());
        }
        return answer;
    }

    /** Whether nobody has the number or another organization does: the caller cannot tell, and is not told. */
    private ApiException unknown(String phoneNumber) {
        return notFound(Outcome.UNKNOWN_NUMBER, ApiException.notFound("Phone number", phoneNumber));
    }

    private ApiException notFound(Outcome outcome, ApiException refusal) {
        metrics.lookedUp(outcome);
        return refusal;
    }

    private Map<String, Object> assistant(VersionConfiguration frozen) {
        Map<String, Object> assistant = json.convertValue(frozen.assistant(), JSON_OBJECT);
        assistant.keySet().retainAll(VERSIONED_FIELDS);
        return assistant;
    }

    private static CallStartFile file(FrozenFile file) {
        String href = "/api/files/" + file.fileId();
        return new CallStartFile(
                file.fileId(),
                file.filename(),
                file.originalName(),
                file.fileType(),
                file.fileSize(),
                file.sha256(),
                file.description(),
                file.assignment(),
                href + "/content",
                href + "/text");
    }
}
