package io.voicepartner.command.lookup;

import io.voicepartner.api.assistant.AssistantVersionPublished;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/** Keeps {@link VersionLookups} in the lookups' subscribing processor, in the transaction of the append. */
@Component
@ProcessingGroup(LookupProjector.PROCESSING_GROUP)
class VersionLookupProjector {

    private final VersionLookups versions;

    VersionLookupProjector(VersionLookups versions) {
        this.versions = versions;
    }

    @EventHandler
    void on(AssistantVersionPublished event, @Timestamp Instant publishedAt) {
        versions.versionPublished(event, publishedAt);
    }
}
