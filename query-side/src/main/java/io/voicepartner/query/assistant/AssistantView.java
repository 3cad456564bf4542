package io.voicepartner.query.assistant;

import io.voicepartner.api.assistant.AssistantStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An assistant as the API serves it, with the tools and files assigned to it. */
public record AssistantView(
        String id,
        String organizationId,
        String createdBy,
        String name,
        String description,
        String systemPrompt,
        String llmProvider,
        String llmModel,
        Double temperature,
        Integer maxTokens,
        String voiceProvider,
        String voiceId,
        Double voiceSpeed,
        Double voicePitch,
        Double voiceStability,
        String language,
        String fallbackLanguage,
        String firstMessage,
        Double interruptionSensitivity,
        Double silenceTimeout,
        Double responseDelay,
        AssistantStatus status,
        Boolean isActive,
        Map<String, Object> capabilities,
        List<AssignedTool> tools,
        List<AssignedFile> files,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    /** The same assistant with these tools and files: its row and its relations are read apart. */
    AssistantView withRelations(List<AssignedTool> tools, List<AssignedFile> files) {
        return new AssistantView(
                id,
                organizationId,
                createdBy,
                name,
                description,
                systemPrompt,
                llmProvider,
                llmModel,
                temperature,
                maxTokens,
                voiceProvider,
                voiceId,
                voiceSpeed,
                voicePitch,
                voiceStability,
                language,
                fallbackLanguage,
                firstMessage,
                interruptionSensitivity,
                silenceTimeout,
                responseDelay,
                status,
                isActive,
                capabilities,
                tools,
                files,
                revision,
                createdAt,
                updatedAt);
    }

    /** A tool as an assistant lists it. */
    public record AssignedTool(String id, String name, String endpoint, String method, String category) {}

    /** A knowledge file as an assistant lists it, with the assistant's configuration for it. */
    public record AssignedFile(String id, String filename, String status, Map<String, Object> assignment) {}
}
