package io.voicepartner.command.lookup;

import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.phonenumber.PhoneNumberCreated;
import io.voicepartner.api.phonenumber.PhoneNumberDeleted;
import io.voicepartner.api.phonenumber.PhoneNumberRestored;
import io.voicepartner.api.phonenumber.PhoneNumberUpdated;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.webhook.WebhookEndpointCreated;
import io.voicepartner.api.webhook.WebhookEndpointDeleted;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/** Keeps the lookup tables in the same transaction as the events it reads (a subscribing processor). */
@Component
@ProcessingGroup(LookupProjector.PROCESSING_GROUP)
class LookupProjector {

    static final String PROCESSING_GROUP = "lookups";

    private final LookupTables tables;
    private final FileLookups files;

    LookupProjector(LookupTables tables, FileLookups files) {
        this.tables = tables;
        this.files = files;
    }

    @EventHandler
    void on(AssistantCreated event) {
        tables.assistantCreated(event.assistantId(), event.ownerId());
    }

    @EventHandler
    void on(AssistantDeleted event) {
        tables.assistantDeleted(event.assistantId());
    }

    @EventHandler
    void on(AssistantRestored event) {
        tables.assistantRestored(event.assistantId(), event.toolIds());
        files.assistantRestored(event.assistantId(), event.files().keySet());
    }

    @EventHandler
    void on(WebhookEndpointCreated event) {
        tables.webhookEndpointCreated(event.endpointId(), event.organizationId());
    }

    @EventHandler
    void on(WebhookEndpointDeleted event) {
        tables.webhookEndpointDeleted(event.endpointId());
    }

    @EventHandler
    void on(ToolCreated event, @Timestamp Instant createdAt) {
        tables.toolCreated(event.toolId(), event.ownerId(), createdAt);
    }

    @EventHandler
    void on(ToolDeleted event) {
        tables.toolDeleted(event.toolId());
    }

    @EventHandler
    void on(ToolRestored event) {
        tables.toolRestored(event.toolId());
    }

    @EventHandler
    void on(ToolsAssigned event) {
        tables.toolsAssigned(event.assistantId(), event.toolIds());
    }

    @EventHandler
    void on(ToolUnassigned event) {
        tables.toolUnassigned(event.assistantId(), event.toolId());
    }

    @EventHandler
    void on(FileUploaded event) {
        files.fileUploaded(event.fileId(), event.ownerId(), event.storageLocation());
    }

    @EventHandler
    void on(FileProcessed event) {
        files.fileProcessed(event.fileId(), event.textLocation());
    }

    @EventHandler
    void on(FileDeleted event) {
        files.fileDeleted(event.fileId());
    }

    @EventHandler
    void on(FilesAssigned event) {
        files.filesAssigned(event.assistantId(), event.fileIds());
    }

    @EventHandler
    void on(FileUnassigned event) {
        files.fileUnassigned(event.assistantId(), event.fileId());
    }

    @EventHandler
    void on(PhoneNumberCreated event, @Timestamp Instant createdAt) {
        tables.phoneNumberCreated(event.phoneNumberId(), event.ownerId(), event.configuration(), createdAt);
    }

    @EventHandler
    void on(PhoneNumberUpdated event) {
        tables.phoneNumberChanged(event.phoneNumberId(), event.configuration());
    }

    @EventHandler
    void on(PhoneNumberDeleted event) {
        tables.phoneNumberDeleted(event.phoneNumberId());
    }

    @EventHandler
    void on(PhoneNumberRestored event) {
        tables.phoneNumberRestored(event.phoneNumberId(), event.configuration());
    }
}
