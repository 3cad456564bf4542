package io.voicepartner.query.tool;

import io.voicepartner.api.tool.HttpMethod;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A tool as the API serves it. {@code headers} and {@code authentication} show credentials only masked
 * ({@code "••••abcd"}); {@code usedBy} names the caller's assistants that use the tool.
 */
record ToolView(
        String id,
        String organizationId,
        String createdBy,
        String name,
        String description,
        String endpoint,
        HttpMethod method,
        String category,
        Map<String, Object> parameters,
        Map<String, String> headers,
        Map<String, String> authentication,
        Boolean isActive,
        long totalCalls,
        Instant lastUsed,
        Double avgResponseTime,
        List<User> usedBy,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    /** The same tool used by these assistants: its row and its users are read apart. */
    ToolView withUsedBy(List<User> users) {
        return new ToolView(
                id,
                organizationId,
                createdBy,
                name,
                description,
                endpoint,
                method,
                category,
                parameters,
                headers,
                authentication,
                isActive,
                totalCalls,
                lastUsed,
                avgResponseTime,
                users,
                revision,
                createdAt,
                updatedAt);
    }

    /** An assistant that uses the tool. */
    record User(String id, String name) {}
}
