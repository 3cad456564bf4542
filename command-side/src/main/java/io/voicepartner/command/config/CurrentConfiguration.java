package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.web.ReadYourWrites;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads an organization's configuration as it is now. Which resources are live, and at which revision, comes from the
 * command side's own lookups and event store, written with the events: that is the state a plan is made and an apply
 * is checked against. What each holds is read as its {@code GET} shows it, from the query side's read API at (at
 * least) that revision, the way a write reads itself back ({@link ReadYourWrites}): the command side never reads the
 * query side's tables, and an export says what the reads say.
 */
@Component
class CurrentConfiguration {

    private final JdbcClient jdbc;
    private final ReadYourWrites reads;
    private final ObjectMapper objectMapper;

    CurrentConfiguration(JdbcClient jdbc, ReadYourWrites reads, ObjectMapper objectMapper) {
        this.jdbc = jdbc;
        this.reads = reads;
        this.objectMapper = objectMapper;
    }

    /** The live resources' revisions by id. */
    Map<String, Long> revisions(String organizationId) {
        Map<String, Long> revisions = new HashMap<>();
        revisionsByKind(organizationId).values().forEach(revisions::putAll);
        return revisions;
    }

    /** The live resources' revisions by kind, oldest first within each (ids are time-ordered). */
    private Map<Kind, Map<String, Long>> revisionsByKind(String organizationId) {
        Map<Kind, Map<String, Long>> byKind = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            Map<String, Long> revisions = new LinkedHashMap<>();
            byKind.put(kind, revisions);
            jdbc.sql("SELECT l." + kind.lookupId() + " AS id, (SELECT max(e.sequence_number) + 1 FROM "
                            + "command.domain_event_entry e WHERE e.aggregate_identifier = l." + kind.lookupId()
                            + ") AS revision FROM " + kind.lookupTable() + " l WHERE l.owner_id = ? AND NOT l.deleted "
                            + "ORDER BY l." + kind.lookupId())
                    .param(organizationId)
                    .query((rs, row) -> Map.entry(rs.getString("id"), rs.getLong("revision")))
                    .list()
                    .forEach(entry -> revisions.put(entry.getKey(), entry.getValue()));
        }
        return byKind;
    }

    /**
     * @throws ApiException {@code 503} if the read model has not reached a revision within the read-your-writes
     *                      bound: an export must not show an older state than a plan is checked against
     */
    OrganizationState read(Caller caller, String authorization) {
        Map<Kind, Map<String, JsonNode>> views = new LinkedHashMap<>();
        Map<String, Long> revisions = new HashMap<>();
        Map<Kind, Map<String, Long>> live = revisionsByKind(caller.organizationId());
        for (Kind kind : Kind.values()) {
            views.put(kind, new LinkedHashMap<>());
        }
        for (Kind kind : Kind.values()) {
            read(kind, live.get(kind), views.get(kind), revisions, caller, authorization);
        }
        Map<String, String> refs = refs(views);
        List<Current> resources = new ArrayList<>();
        views.forEach((kind, ofKind) -> ofKind.forEach((id, view) -> resources.add(new Current(
                kind, id, revisions.get(id), refs.get(id), BundleForm.of(kind, view, refs.get(id), refs)))));
        return new OrganizationState(resources);
    }

    private void read(
            Kind kind,
            Map<String, Long> live,
            Map<String, JsonNode> views,
            Map<String, Long> revisions,
            Caller caller,
            String authorization) {
        for (Map.Entry<String, Long> resource : live.entrySet()) {
            ReadYourWrites.Outcome outcome =
                    reads.await(kind.location(resource.getKey()), resource.getValue(), caller, authorization);
            if (outcome instanceof ReadYourWrites.Outcome.Visible visible) {
                JsonNode view = objectMapper.valueToTree(visible.resource());
                views.put(resource.getKey(), view);
                revisions.put(resource.getKey(), view.path("revision").asLong(resource.getValue()));
            } else if (outcome instanceof ReadYourWrites.Outcome.Pending) {
                throw new ApiException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The read model has not caught up with the organization's latest changes; try again.");
            }
            // gone: deleted since its revision was read, so not part of the state any more
        }
    }

    /** Every resource's ref, derived from its name and made unique in the bundle by a suffix, oldest first. */
    private static Map<String, String> refs(Map<Kind, Map<String, JsonNode>> views) {
        Map<String, String> refs = new HashMap<>();
        Set<String> taken = new HashSet<>();
        views.forEach((kind, ofKind) -> ofKind.forEach((id, view) -> {
            String base = BundleForm.slug(BundleForm.nameOf(kind, view), kind);
            String ref = base;
            for (int n = 2; !taken.add(ref); n++) {
                ref = base + "-" + n;
            }
            refs.put(id, ref);
        }));
        return refs;
    }
}
