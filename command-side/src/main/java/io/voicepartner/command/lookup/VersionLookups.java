package io.voicepartner.command.lookup;

import io.voicepartner.api.assistant.AssistantVersionPublished;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table of {@code V7__assistant_version_lookup.sql}, with each version's frozen configuration since
 * {@code V18__runtime_lookup.sql}. Versions are never unpublished, so nothing is deleted.
 */
@Repository
class VersionLookups implements PublishedVersions {

    private final JdbcClient jdbc;

    VersionLookups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A 409 rather than a 404 also for a number the assistant has not reached yet: the route names a phone
     * number, and the version is a state of the assistant it reaches, not a resource of its own.
     */
    @Override
    public void requirePublished(String assistantId, int number) {
        boolean published = jdbc.sql("SELECT count(*) FROM command.assistant_version_lookup "
                                + "WHERE assistant_id = ? AND number = ?")
                        .params(assistantId, number)
                        .query(Long.class)
                        .single()
                > 0;
        if (!published) {
            throw new Refusal(
                    ErrorCode.CONFLICT,
                    "Assistant '" + assistantId + "' has not published version " + number
                            + "; publish it with POST /api/assistants/" + assistantId + "/versions.");
        }
    }

    /**
     * With its frozen configuration, which the call-start lookup answers ({@link CallStartLookups}), and the time of
     * the event to the millisecond, as the event store keeps it and every later reader sees it.
     */
    void versionPublished(AssistantVersionPublished event, Instant publishedAt) {
        jdbc.sql(
                        "INSERT INTO command.assistant_version_lookup (assistant_id, number, config_hash, published_at, "
                                + "published_by, configuration) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT DO NOTHING")
                .params(
                        event.assistantId(),
                        event.number(),
                        event.configHash(),
                        Timestamp.from(publishedAt.truncatedTo(ChronoUnit.MILLIS)),
                        event.publishedBy(),
                        StoredJson.write(event.configuration()))
                .update();
    }
}
