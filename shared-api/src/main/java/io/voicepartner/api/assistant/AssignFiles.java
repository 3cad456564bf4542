package io.voicepartner.api.assistant;

import java.util.List;

/** Gives an assistant the caller's knowledge files; files it already has are left as they are. */
public record AssignFiles(String assistantId, String ownerId, Long expectedRevision, List<String> fileIds)
        implements AssistantCommand {

    public AssignFiles {
        fileIds = List.copyOf(fileIds);
    }
}
