package io.voicepartner.command.lookup;

import io.voicepartner.api.phonenumber.PhoneNumberConfiguration;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The lookup tables of {@code V4__lookups.sql}. Reads lock the rows they check ({@code FOR SHARE}), so a
 * concurrent delete of a tool or assistant waits for the command that relies on it, and vice versa.
 */
@Repository
public class LookupTables implements ToolOwnership, AssistantOwnership, PhoneNumberRegistry {

    /** An assistant that uses a tool, with its owner. */
    public record Assignment(String assistantId, String ownerId) {}

    /** A phone number that reaches an assistant, with its owner. */
    public record Reach(String phoneNumberId, String ownerId) {}

    private final JdbcClient jdbc;

    LookupTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void requireOwned(String ownerId, Collection<String> toolIds) {
        Set<String> wanted = new LinkedHashSet<>(toolIds);
        if (wanted.isEmpty()) {
            return;
        }
        List<String> owned = jdbc.sql("SELECT tool_id FROM command.tool_lookup WHERE tool_id IN (:ids) "
                        + "AND owner_id = :owner AND NOT deleted FOR SHARE")
                .param("ids", wanted)
                .param("owner", ownerId)
                .query(String.class)
                .list();
        wanted.stream().filter(id -> !owned.contains(id)).findFirst().ifPresent(id -> {
            throw Refusal.notFound("Tool", id);
        });
    }

    @Override
    public void requireOwned(String ownerId, String assistantId) {
        boolean owned = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM command.assistant_lookup WHERE assistant_id = ? "
                                + "AND owner_id = ? AND NOT deleted FOR SHARE) AS owned")
                        .params(assistantId, ownerId)
                        .query(Long.class)
                        .single()
                > 0;
        if (!owned) {
            throw Refusal.notFound("Assistant", assistantId);
        }
    }

    @Override
    public void requireAvailable(String phoneNumber, String phoneNumberId) {
        boolean taken = jdbc.sql("SELECT count(*) FROM command.phone_number_lookup WHERE phone_number = ? "
                                + "AND phone_number_id <> ? AND NOT deleted")
                        .params(phoneNumber, phoneNumberId)
                        .query(Long.class)
                        .single()
                > 0;
        if (taken) {
            throw phoneNumberTaken(phoneNumber);
        }
    }

    /**
     * When the owner's live tool was created, locked like every check ({@code FOR SHARE}); empty if it is not the
     * owner's, does not exist or is deleted. Usage is reported against it without loading the tool (ADR 0017).
     */
    public Optional<Instant> liveToolCreatedAt(String ownerId, String toolId) {
        return jdbc.sql("SELECT created_at FROM command.tool_lookup WHERE tool_id = ? AND owner_id = ? AND NOT deleted "
                        + "FOR SHARE")
                .params(toolId, ownerId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** As {@link #liveToolCreatedAt}, for a phone number (a released one is not live). */
    public Optional<Instant> livePhoneNumberCreatedAt(String ownerId, String phoneNumberId) {
        return jdbc.sql("SELECT created_at FROM command.phone_number_lookup WHERE phone_number_id = ? AND owner_id = ? "
                        + "AND NOT deleted FOR SHARE")
                .params(phoneNumberId, ownerId)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    public List<Assignment> assistantsUsing(String toolId) {
        return jdbc.sql("SELECT l.assistant_id, a.owner_id FROM command.assistant_tool_lookup l "
                        + "JOIN command.assistant_lookup a ON a.assistant_id = l.assistant_id WHERE l.tool_id = ?")
                .param(toolId)
                .query(Assignment.class)
                .list();
    }

    public List<Reach> phoneNumbersReaching(String assistantId) {
        return jdbc.sql("SELECT phone_number_id, owner_id FROM command.phone_number_lookup "
                        + "WHERE assistant_id = ? AND NOT deleted")
                .param(assistantId)
                .query(Reach.class)
                .list();
    }

    void assistantCreated(String assistantId, String ownerId) {
        jdbc.sql("INSERT INTO command.assistant_lookup (assistant_id, owner_id) VALUES (?, ?)")
                .params(assistantId, ownerId)
                .update();
    }

    void assistantDeleted(String assistantId) {
        jdbc.sql("UPDATE command.assistant_lookup SET deleted = true WHERE assistant_id = ?")
                .param(assistantId)
                .update();
    }

    /** The assistant is live again with exactly these tools (the ones it had that still exist). */
    void assistantRestored(String assistantId, Collection<String> toolIds) {
        jdbc.sql("UPDATE command.assistant_lookup SET deleted = false WHERE assistant_id = ?")
                .param(assistantId)
                .update();
        jdbc.sql("DELETE FROM command.assistant_tool_lookup WHERE assistant_id = ?")
                .param(assistantId)
                .update();
        toolsAssigned(assistantId, toolIds);
    }

    void toolRestored(String toolId) {
        jdbc.sql("UPDATE command.tool_lookup SET deleted = false WHERE tool_id = ?")
                .param(toolId)
                .update();
    }

    void toolCreated(String toolId, String ownerId, Instant createdAt) {
        jdbc.sql("INSERT INTO command.tool_lookup (tool_id, owner_id, created_at) VALUES (?, ?, ?)")
                .params(toolId, ownerId, Timestamp.from(createdAt))
                .update();
    }

    void toolDeleted(String toolId) {
        jdbc.sql("UPDATE command.tool_lookup SET deleted = true WHERE tool_id = ?")
                .param(toolId)
                .update();
    }

    void webhookEndpointCreated(String endpointId, String ownerId) {
        jdbc.sql("INSERT INTO command.webhook_endpoint_lookup (endpoint_id, owner_id) VALUES (?, ?)")
                .params(endpointId, ownerId)
                .update();
    }

    void webhookEndpointDeleted(String endpointId) {
        jdbc.sql("UPDATE command.webhook_endpoint_lookup SET deleted = true WHERE endpoint_id = ?")
                .param(endpointId)
                .update();
    }

    void toolsAssigned(String assistantId, Collection<String> toolIds) {
        for (String toolId : toolIds) {
            jdbc.sql("INSERT INTO command.assistant_tool_lookup (assistant_id, tool_id) VALUES (?, ?) "
                            + "ON CONFLICT DO NOTHING")
                    .params(assistantId, toolId)
                    .update();
        }
    }

    void toolUnassigned(String assistantId, String toolId) {
        jdbc.sql("DELETE FROM command.assistant_tool_lookup WHERE assistant_id = ? AND tool_id = ?")
                .params(assistantId, toolId)
                .update();
    }

    /**
     * The unique index decides between two concurrent claims of one number. The whole configuration is kept for the
     * call-start lookup ({@link CallStartLookups}).
     */
    void phoneNumberCreated(
            String phoneNumberId, String ownerId, PhoneNumberConfiguration configuration, Instant createdAt) {
        try {
            jdbc.sql(
                            "INSERT INTO command.phone_number_lookup (phone_number_id, owner_id, phone_number, assistant_id, "
                                    + "assistant_version, configuration, created_at) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?)")
                    .params(
                            phoneNumberId,
                            ownerId,
                            configuration.phoneNumber(),
                            configuration.assistantId(),
                            configuration.assistantVersion(),
                            StoredJson.write(configuration),
                            Timestamp.from(createdAt))
                    .update();
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken(configuration.phoneNumber());
        }
    }

    void phoneNumberChanged(String phoneNumberId, PhoneNumberConfiguration configuration) {
        try {
            jdbc.sql(
                            "UPDATE command.phone_number_lookup SET phone_number = ?, assistant_id = ?, assistant_version = ?, "
                                    + "configuration = CAST(? AS jsonb) WHERE phone_number_id = ?")
                    .params(
                            configuration.phoneNumber(),
                            configuration.assistantId(),
                            configuration.assistantVersion(),
                            StoredJson.write(configuration),
                            phoneNumberId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken(configuration.phoneNumber());
        }
    }

    void phoneNumberDeleted(String phoneNumberId) {
        jdbc.sql("UPDATE command.phone_number_lookup SET deleted = true WHERE phone_number_id = ?")
                .param(phoneNumberId)
                .update();
    }

    /** The unique index decides between a restore and a concurrent claim of the same number. */
    void phoneNumberRestored(String phoneNumberId, PhoneNumberConfiguration configuration) {
        try {
            jdbc.sql("UPDATE command.phone_number_lookup SET deleted = false, phone_number = ?, assistant_id = ?, "
                            + "assistant_version = ?, configuration = CAST(? AS jsonb) WHERE phone_number_id = ?")
                    .params(
                            configuration.phoneNumber(),
                            configuration.assistantId(),
                            configuration.assistantVersion(),
                            StoredJson.write(configuration),
                            phoneNumberId)
                    .update();
        } catch (DuplicateKeyException e) {
            throw phoneNumberTaken(configuration.phoneNumber());
        }
    }

    private static Refusal phoneNumberTaken(String phoneNumber) {
        return new Refusal(ErrorCode.CONFLICT, "Phone number " + phoneNumber + " is already in use.");
    }
}
