package io.voicepartner.command.tool;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.tool.CreateTool;
import io.voicepartner.api.tool.DeleteTool;
import io.voicepartner.api.tool.RestoreTool;
import io.voicepartner.api.tool.ToolConfiguration;
import io.voicepartner.api.tool.ToolCreated;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.tool.ToolField;
import io.voicepartner.api.tool.ToolRestored;
import io.voicepartner.api.tool.ToolUpdated;
import io.voicepartner.api.tool.UpdateTool;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.support.security.SecretBox;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on changes to one tool. Keeps its configuration because an update is merged into it, and its
 * revision because {@code If-Match} is checked against it. Command handlers answer the revision the tool
 * reached; an update that changes nothing records nothing. Credentials arrive already encrypted.
 *
 * <p>A deleted tool keeps its configuration (it is not {@code markDeleted}, which would make it unloadable)
 * so that a restore can bring it back; every other command refuses it as Axon would a deleted one.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class Tool {

    @AggregateIdentifier
    private String toolId;

    private String ownerId;
    private long revision;
    private ToolConfiguration configuration;
    private boolean deleted;

    Tool() {
        // for Axon, which rebuilds the tool from its events
    }

    @CommandHandler
    Tool(CreateTool command) {
        apply(new ToolCreated(command.toolId(), command.ownerId(), command.configuration()));
    }

    /**
     * @param secrets tells whether a credential sent again is the one stored (their ciphertexts always differ), and
     *                re-encrypts under the current key those a previous key sealed: a write leaves none behind
     *                (the fields changed are those the caller changed; the credentials are the same secrets)
     */
    @CommandHandler
    long handle(UpdateTool command, SecretBox secrets) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        ToolConfiguration merged =
                ConfigurationMerge.merge(configuration, command.changes(), command.changedFields(), secrets::same);
        Origins.requireCredentialsSentAgainForAnotherOrigin(
                configuration, merged, command.changes(), command.changedFields());
        Set<ToolField> changed = ConfigurationMerge.differences(configuration, merged);
        if (changed.isEmpty()) {
            return revision;
        }
        apply(new ToolUpdated(toolId, ownerId, StoredSecrets.underCurrentKey(merged, secrets), changed));
        return revision;
    }

    @CommandHandler
    long handle(DeleteTool command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        apply(new ToolDeleted(toolId, ownerId));
        return revision;
    }

    /** Assistants that used the tool lost it when it was deleted; a restore does not assign it to them again. */
    @CommandHandler
    long handle(RestoreTool command, SecretBox secrets) {
        requireOwnedBy(command.ownerId());
        if (!deleted) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Tool '" + toolId + "' is not deleted; " + "only a deleted tool can be restored.");
        }
        apply(new ToolRestored(toolId, ownerId, StoredSecrets.underCurrentKey(configuration, secrets)));
        return revision;
    }

    @EventSourcingHandler
    void on(ToolCreated event) {
        toolId = event.toolId();
        ownerId = event.ownerId();
        configuration = event.configuration();
        revision = 1;
    }

    @EventSourcingHandler
    void on(ToolUpdated event) {
        configuration = event.configuration();
        revision++;
    }

    /**
     * Legacy: executions recorded on the tool's stream before ADR 0017. They change no configuration, but they
     * hold a place in the stream, and the revision is the stream's (what {@code If-Match} and the read model's
     * {@code ETag} count), so they still count in it; new usage is recorded outside the stream and moves nothing.
     */
    @EventSourcingHandler
    void on(ToolExecuted event) {
        revision++;
    }

    @EventSourcingHandler
    void on(ToolDeleted event) {
        deleted = true;
        revision++;
    }

    @EventSourcingHandler
    void on(ToolRestored event) {
        configuration = event.configuration();
        deleted = false;
        revision++;
    }

    /** What Axon throws for a deleted aggregate, so that callers see no difference. */
    private void requireLive() {
        if (deleted) {
            throw new AggregateDeletedException(toolId, "Tool '" + toolId + "' was deleted.");
        }
    }

    ToolConfiguration configuration() {
        return configuration;
    }

    String ownerId() {
        return ownerId;
    }

    boolean deleted() {
        return deleted;
    }

    private void requireOwnedBy(String caller) {
        if (!ownerId.equals(caller)) {
            throw Refusal.notFound("Tool", toolId);
        }
    }
}
