package io.voicepartner.command.assistant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.voicepartner.api.assistant.AssignFiles;
import io.voicepartner.api.assistant.AssignTools;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.assistant.AssistantField;
import io.voicepartner.api.assistant.AssistantRestored;
import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.assistant.AssistantUpdated;
import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.assistant.AssistantVersionRestored;
import io.voicepartner.api.assistant.CloneAssistant;
import io.voicepartner.api.assistant.CloneSource;
import io.voicepartner.api.assistant.ClonedFrom;
import io.voicepartner.api.assistant.ConfigureFileAssignment;
import io.voicepartner.api.assistant.CreateAssistant;
import io.voicepartner.api.assistant.DeleteAssistant;
import io.voicepartner.api.assistant.FileAssignmentConfigured;
import io.voicepartner.api.assistant.FileUnassigned;
import io.voicepartner.api.assistant.FilesAssigned;
import io.voicepartner.api.assistant.FrozenFile;
import io.voicepartner.api.assistant.FrozenTool;
import io.voicepartner.api.assistant.PrepareClone;
import io.voicepartner.api.assistant.PublishAssistantVersion;
import io.voicepartner.api.assistant.RestoreAssistant;
import io.voicepartner.api.assistant.RestoreAssistantVersion;
import io.voicepartner.api.assistant.ToolUnassigned;
import io.voicepartner.api.assistant.ToolsAssigned;
import io.voicepartner.api.assistant.UnassignFile;
import io.voicepartner.api.assistant.UnassignTool;
import io.voicepartner.api.assistant.UpdateAssistant;
import io.voicepartner.api.assistant.VersionConfiguration;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.common.Revisions;
import io.voicepartner.command.file.CurrentFiles;
import io.voicepartner.command.lookup.FileOwnership;
import io.voicepartner.command.lookup.ToolOwnership;
import io.voicepartner.command.tool.CurrentTools;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * Decides on changes to one assistant. Keeps its configuration because an update is merged into it, its
 * revision because {@code If-Match} is checked against it, its tools because re-assigning one is a no-op,
 * and its files with their assignment's configuration for the same reason. Whether a tool or file may be
 * assigned at all is set-based: {@link ToolOwnership} and {@link FileOwnership} decide it. Keeps its published
 * versions too: a publish identical to the latest records nothing, and restoring one needs its configuration.
 * Command handlers answer the revision the assistant reached; a change that changes nothing records nothing.
 *
 * <p>A deleted assistant keeps all of that (it is not {@code markDeleted}, which would make it unloadable),
 * so that a restore can bring it back as it was; every other command refuses it as Axon would a deleted one.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger")
@Revision("1")
class Assistant {

    @AggregateIdentifier
    private String assistantId;

    private String ownerId;
    private long revision;
    private AssistantConfiguration configuration;
    private boolean deleted;
    /** In assignment order, which a restore keeps. */
    private final Set<String> toolIds = new LinkedHashSet<>();

    private final Map<String, Map<String, Object>> fileAssignments = new LinkedHashMap<>();
    /** Published versions by number, kept because restoring one needs its configuration. */
    private final Map<Integer, PublishedVersion> versions = new HashMap<>();

    private PublishedVersion latestVersion;

    /** A version as later decisions need it: its configuration and hash, and the revision that published it. */
    private record PublishedVersion(int number, String configHash, VersionConfiguration configuration, long revision) {}

    Assistant() {
        // for Axon, which rebuilds the assistant from its events
    }

    @CommandHandler
    Assistant(CreateAssistant command, ToolOwnership tools, FileOwnership files) {
        tools.requireOwned(command.ownerId(), command.toolIds());
        files.requireOwned(command.ownerId(), command.fileIds());
        apply(new AssistantCreated(command.assistantId(), command.ownerId(), command.configuration()));
        List<String> toolIds = command.toolIds().stream().distinct().toList();
        if (!toolIds.isEmpty()) {
            apply(new ToolsAssigned(command.assistantId(), command.ownerId(), toolIds));
        }
        List<String> fileIds = command.fileIds().stream().distinct().toList();
        if (!fileIds.isEmpty()) {
            apply(new FilesAssigned(command.assistantId(), command.ownerId(), fileIds));
        }
    }

    /**
     * A copy of another assistant, as that one answered {@link PrepareClone}: its configuration, then its tools,
     * its files and each file's assignment configuration, with the events a create and an edit record. Ownership
     * is checked again, as for a create: a tool or file deleted since the source answered is refused.
     */
    @CommandHandler
    Assistant(CloneAssistant command, ToolOwnership tools, FileOwnership files) {
        tools.requireOwned(command.ownerId(), command.toolIds());
        files.requireOwned(command.ownerId(), List.copyOf(command.files().keySet()));
        apply(new AssistantCreated(
                command.assistantId(), command.ownerId(), command.configuration(), command.clonedFrom()));
        if (!command.toolIds().isEmpty()) {
            apply(new ToolsAssigned(command.assistantId(), command.ownerId(), command.toolIds()));
        }
        if (!command.files().isEmpty()) {
            apply(new FilesAssigned(
                    command.assistantId(),
                    command.ownerId(),
                    List.copyOf(command.files().keySet())));
        }
        command.files().entrySet().stream()
                .filter(file -> !file.getValue().isEmpty())
                .forEach(file -> apply(new FileAssignmentConfigured(
                        command.assistantId(), command.ownerId(), file.getKey(), file.getValue())));
    }

    /**
     * What a clone of this assistant starts with: its draft or a published version, as a new draft, with those of
     * its tools and files that are still the owner's (a version may name some deleted since). Records nothing.
     */
    @CommandHandler
    CloneSource handle(PrepareClone command, ToolOwnership tools, FileOwnership files) {
        requireLive();
        requireOwnedBy(command.ownerId());
        AssistantConfiguration source;
        List<String> sourceTools;
        Map<String, Map<String, Object>> sourceFiles = new LinkedHashMap<>();
        if (command.version() == null) {
            source = configuration;
            sourceTools = List.copyOf(toolIds);
            sourceFiles.putAll(fileAssignments);
        } else {
            PublishedVersion version = versions.get(command.version());
            if (version == null) {
                throw Refusal.notFound("Version", command.version().toString());
            }
            source = version.configuration().assistant();
            sourceTools = version.configuration().tools().stream()
                    .map(FrozenTool::toolId)
                    .toList();
            version.configuration().files().forEach(file -> sourceFiles.put(file.fileId(), file.assignment()));
        }
        Map<String, Map<String, Object>> keptFiles = new LinkedHashMap<>();
        files.stillOwned(ownerId, sourceFiles.keySet()).forEach(id -> keptFiles.put(id, sourceFiles.get(id)));
        return new CloneSource(
                withStatus(source, AssistantStatus.DRAFT),
                tools.stillOwned(ownerId, sourceTools),
                keptFiles,
                new ClonedFrom(assistantId, command.version(), revision));
    }

    @CommandHandler
    long handle(UpdateAssistant command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        AssistantConfiguration merged =
                ConfigurationMerge.merge(configuration, command.changes(), command.changedFields());
        Set<AssistantField> changed = ConfigurationMerge.differences(configuration, merged);
        if (changed.isEmpty()) {
            return revision;
        }
        apply(new AssistantUpdated(assistantId, ownerId, merged, changed));
        return revision;
    }

    @CommandHandler
    long handle(AssignTools command, ToolOwnership tools) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        tools.requireOwned(ownerId, command.toolIds());
        List<String> newlyAssigned = command.toolIds().stream()
                .distinct()
                .filter(id -> !toolIds.contains(id))
                .toList();
        if (newlyAssigned.isEmpty()) {
            return revision;
        }
        apply(new ToolsAssigned(assistantId, ownerId, newlyAssigned));
        return revision;
    }

    @CommandHandler
    long handle(UnassignTool command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        if (!toolIds.contains(command.toolId())) {
            throw Refusal.notFound("Tool assignment", command.toolId());
        }
        apply(new ToolUnassigned(assistantId, ownerId, command.toolId()));
        return revision;
    }

    @CommandHandler
    long handle(AssignFiles command, FileOwnership files) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        files.requireOwned(ownerId, command.fileIds());
        List<String> newlyAssigned = command.fileIds().stream()
                .distinct()
                .filter(id -> !fileAssignments.containsKey(id))
                .toList();
        if (newlyAssigned.isEmpty()) {
            return revision;
        }
        apply(new FilesAssigned(assistantId, ownerId, newlyAssigned));
        return revision;
    }

    @CommandHandler
    long handle(ConfigureFileAssignment command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        Map<String, Object> current = fileAssignments.get(command.fileId());
        if (current == null) {
            throw Refusal.notFound("File assignment", command.fileId());
        }
        if (current.equals(command.config())) {
            return revision;
        }
        apply(new FileAssignmentConfigured(assistantId, ownerId, command.fileId(), command.config()));
        return revision;
    }

    @CommandHandler
    long handle(UnassignFile command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        if (!fileAssignments.containsKey(command.fileId())) {
            throw Refusal.notFound("File assignment", command.fileId());
        }
        apply(new FileUnassigned(assistantId, ownerId, command.fileId()));
        return revision;
    }

    @CommandHandler
    long handle(DeleteAssistant command) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        apply(new AssistantDeleted(assistantId, ownerId));
        return revision;
    }

    /**
     * Freezes the configuration with its tools' and files' as they are now. Tools and files deleted but not
     * yet taken from the assistant by their clean-up are left out, as that clean-up is about to do. The
     * status is not frozen: publishing sets it to {@code deployed}, recorded just before the version.
     */
    @CommandHandler
    Published handle(PublishAssistantVersion command, CurrentTools tools, CurrentFiles files) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        VersionConfiguration frozen = new VersionConfiguration(
                withStatus(configuration, null),
                toolIds.stream()
                        .sorted()
                        .flatMap(id -> tools.configuration(id).map(c -> new FrozenTool(id, c)).stream())
                        .toList(),
                fileAssignments.keySet().stream()
                        .sorted()
                        .flatMap(id -> files.frozen(id, fileAssignments.get(id)).stream())
                        .toList());
        String configHash = ConfigHash.of(frozen);
        if (latestVersion != null && latestVersion.configHash().equals(configHash)) {
            return new Published(latestVersion.number(), latestVersion.revision(), false);
        }
        if (configuration.status() != AssistantStatus.DEPLOYED) {
            apply(new AssistantUpdated(
                    assistantId,
                    ownerId,
                    withStatus(configuration, AssistantStatus.DEPLOYED),
                    Set.of(AssistantField.STATUS)));
        }
        int number = latestVersion == null ? 1 : latestVersion.number() + 1;
        apply(new AssistantVersionPublished(
                assistantId, ownerId, number, command.note(), configHash, command.ownerId(), frozen));
        return new Published(number, revision, true);
    }

    /**
     * Sets the draft back to a version with the events an edit records, then says which version it was.
     * The status stays as it is (a version does not freeze it). Tools and files deleted since the version
     * cannot be assigned again and are left out.
     */
    @CommandHandler
    long handle(RestoreAssistantVersion command, CurrentTools tools, CurrentFiles files) {
        requireLive();
        requireOwnedBy(command.ownerId());
        Revisions.require(command.expectedRevision(), revision);
        PublishedVersion version = versions.get(command.number());
        if (version == null) {
            throw Refusal.notFound("Version", Integer.toString(command.number()));
        }
        AssistantConfiguration restored = withStatus(version.configuration().assistant(), configuration.status());
        Set<AssistantField> changed = ConfigurationMerge.differences(configuration, restored);
        if (!changed.isEmpty()) {
            apply(new AssistantUpdated(assistantId, ownerId, restored, changed));
        }
        restoreTools(version.configuration().tools(), tools);
        restoreFiles(version.configuration().files(), files);
        apply(new AssistantVersionRestored(assistantId, ownerId, command.number()));
        return revision;
    }

    private void restoreTools(List<FrozenTool> frozen, CurrentTools tools) {
        Set<String> wanted = frozen.stream().map(FrozenTool::toolId).collect(Collectors.toSet());
        toolIds.stream()
                .filter(id -> !wanted.contains(id))
                .sorted()
                .toList()
                .forEach(id -> apply(new ToolUnassigned(assistantId, ownerId, id)));
        List<String> reassigned = frozen.stream()
                .map(FrozenTool::toolId)
                .filter(id -> !toolIds.contains(id) && tools.configuration(id).isPresent())
                .toList();
        if (!reassigned.isEmpty()) {
            apply(new ToolsAssigned(assistantId, ownerId, reassigned));
        }
    }

    private void restoreFiles(List<FrozenFile> frozen, CurrentFiles files) {
        Set<String> wanted = frozen.stream().map(FrozenFile::fileId).collect(Collectors.toSet());
        fileAssignments.keySet().stream()
                .filter(id -> !wanted.contains(id))
                .sorted()
                .toList()
                .forEach(id -> apply(new FileUnassigned(assistantId, ownerId, id)));
        List<FrozenFile> live = frozen.stream()
                .filter(file -> fileAssignments.containsKey(file.fileId())
                        || files.frozen(file.fileId(), file.assignment()).isPresent())
                .toList();
        List<String> reassigned = live.stream()
                .map(FrozenFile::fileId)
                .filter(id -> !fileAssignments.containsKey(id))
                .toList();
        if (!reassigned.isEmpty()) {
            apply(new FilesAssigned(assistantId, ownerId, reassigned));
        }
        live.stream()
                .filter(file -> !file.assignment().equals(fileAssignments.get(file.fileId())))
                .forEach(file ->
                        apply(new FileAssignmentConfigured(assistantId, ownerId, file.fileId(), file.assignment())));
    }

    /**
     * The tools and files it had come back if they still exist and are still the owner's; the others were
     * deleted meanwhile and stay gone. Its phone numbers were unassigned when it was deleted and stay so.
     */
    @CommandHandler
    long handle(RestoreAssistant command, ToolOwnership tools, FileOwnership files) {
        requireOwnedBy(command.ownerId());
        if (!deleted) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Assistant '" + assistantId + "' is not deleted; " + "only a deleted assistant can be restored.");
        }
        List<String> keptFiles = files.stillOwned(ownerId, fileAssignments.keySet());
        Map<String, Map<String, Object>> restoredFiles = new LinkedHashMap<>();
        keptFiles.forEach(id -> restoredFiles.put(id, fileAssignments.get(id)));
        apply(new AssistantRestored(
                assistantId, ownerId, configuration, tools.stillOwned(ownerId, toolIds), restoredFiles));
        return revision;
    }

    @EventSourcingHandler
    void on(AssistantCreated event) {
        assistantId = event.assistantId();
        ownerId = event.ownerId();
        configuration = event.configuration();
        revision = 1;
    }

    @EventSourcingHandler
    void on(AssistantUpdated event) {
        configuration = event.configuration();
        revision++;
    }

    @EventSourcingHandler
    void on(ToolsAssigned event) {
        toolIds.addAll(event.toolIds());
        revision++;
    }

    @EventSourcingHandler
    void on(ToolUnassigned event) {
        toolIds.remove(event.toolId());
        revision++;
    }

    @EventSourcingHandler
    void on(FilesAssigned event) {
        event.fileIds().forEach(id -> fileAssignments.put(id, Map.of()));
        revision++;
    }

    @EventSourcingHandler
    void on(FileAssignmentConfigured event) {
        fileAssignments.put(event.fileId(), event.config());
        revision++;
    }

    @EventSourcingHandler
    void on(FileUnassigned event) {
        fileAssignments.remove(event.fileId());
        revision++;
    }

    @EventSourcingHandler
    void on(AssistantDeleted event) {
        deleted = true;
        revision++;
    }

    @EventSourcingHandler
    void on(AssistantRestored event) {
        configuration = event.configuration();
        toolIds.clear();
        toolIds.addAll(event.toolIds());
        fileAssignments.clear();
        fileAssignments.putAll(event.files());
        deleted = false;
        revision++;
    }

    /** What Axon throws for a deleted aggregate, so that callers (and the cleanups) see no difference. */
    private void requireLive() {
        if (deleted) {
            throw new AggregateDeletedException(assistantId, "Assistant '" + assistantId + "' was deleted.");
        }
    }

    @EventSourcingHandler
    void on(AssistantVersionPublished event) {
        latestVersion = new PublishedVersion(event.number(), event.configHash(), event.configuration(), revision + 1);
        versions.put(event.number(), latestVersion);
        revision++;
    }

    @EventSourcingHandler
    void on(AssistantVersionRestored event) {
        revision++;
    }

    private static AssistantConfiguration withStatus(AssistantConfiguration c, AssistantStatus status) {
        AssistantConfiguration onlyStatus = new AssistantConfiguration(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, status, null, null);
        return ConfigurationMerge.merge(c, onlyStatus, Set.of(AssistantField.STATUS));
    }

    private void requireOwnedBy(String caller) {
        if (!ownerId.equals(caller)) {
            throw Refusal.notFound("Assistant", assistantId);
        }
    }
}
