package io.voicepartner.api.messaging;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.AssistantVersionRestored;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one mapping from the platform's configuration events to the public event types of the feed, the events API,
 * the live streams and the webhooks ({@code <resource>.<what happened>}, docs/API.md "Events and live updates"). Usage
 * ({@link #USAGE}) is telemetry, not configuration (ADR 0017), and never in the feed. A new event of an assistant,
 * tool, file or phone number must be named here or in {@link #USAGE}: {@code PublicEventTypesTest} fails otherwise.
 * Public names are part of the contract: never renamed, only added.
 */
public final class PublicEventTypes {

    /** The legacy usage events still in some resources' streams (ADR 0017): not configuration. */
    public static final Set<Class<? extends DomainEvent>> USAGE = Set.of(ToolExecuted.class, CallRecorded.class);

    private static final Map<String, String> BY_EVENT_TYPE = mapping();

    private PublicEventTypes() {}

    private static Map<String, String> mapping() {
        Map<Class<? extends DomainEvent>, String> types = new LinkedHashMap<>();
        types.put(AssistantCreated.class, "assistant.created");
        types.put(AssistantUpdated.class, "assistant.updated");
        types.put(AssistantDeleted.class, "assistant.deleted");
        types.put(AssistantRestored.class, "assistant.restored");
        types.put(ToolsAssigned.class, "assistant.tools_assigned");
        types.put(ToolUnassigned.class, "assistant.tool_unassigned");
        types.put(FilesAssigned.class, "assistant.files_assigned");
        types.put(FileAssignmentConfigured.class, "assistant.file_assignment_configured");
        types.put(FileUnassigned.class, "assistant.file_unassigned");
        types.put(AssistantVersionPublished.class, "assistant.version_published");
        types.put(AssistantVersionRestored.class, "assistant.version_restored");
        types.put(ToolCreated.class, "tool.created");
        types.put(ToolUpdated.class, "tool.updated");
        types.put(ToolDeleted.class, "tool.deleted");
        types.put(ToolRestored.class, "tool.restored");
        types.put(FileUploaded.class, "file.uploaded");
        types.put(FileProcessed.class, "file.processed");
        types.put(FileProcessingFailed.class, "file.processing_failed");
        types.put(FileDescriptionUpdated.class, "file.updated");
        types.put(FileDeleted.class, "file.deleted");
        types.put(PhoneNumberCreated.class, "phone_number.created");
        types.put(PhoneNumberUpdated.class, "phone_number.updated");
        types.put(PhoneNumberDeleted.class, "phone_number.deleted");
        types.put(PhoneNumberRestored.class, "phone_number.restored");
        Map<String, String> byName = new LinkedHashMap<>();
        types.forEach((event, name) -> byName.put(event.getSimpleName(), name));
        return byName;
    }

    /**
     * @param eventType the platform's event type, as the envelope names it (e.g. {@code AssistantVersionPublished})
     * @return its public type; empty for an event that is not in the feed
     */
    public static Optional<String> of(String eventType) {
        return Optional.ofNullable(BY_EVENT_TYPE.get(eventType));
    }

    /** Every public type, in the order docs/API.md lists them. */
    public static Set<String> all() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(BY_EVENT_TYPE.values()));
    }

    /** The platform's event types mapped, by their simple class name. */
    public static Set<String> eventTypes() {
        return BY_EVENT_TYPE.keySet();
    }
}
