package io.voicepartner.command.usage;

import io.voicepartner.api.usage.UsageEvent;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.lookup.LookupTables;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.web.ApiException;
import io.voicepartner.support.web.RequestIdFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a usage report (ADR 0017): one transaction that checks the report against the lookups, claims its
 * reporter ids and stores the executions or calls not recorded before as one append of events outside any
 * aggregate's stream. No aggregate is loaded, so a report costs the same however much the tool or number has
 * been used, and it never moves a configuration's revision. The event store is still the outbox: the
 * publisher sends the events to {@code voicepartner.usage}, keyed by the tool's or number's id.
 *
 * <p>Exactness: the owner check locks the lookup row ({@code FOR SHARE}), so a concurrent delete waits for the
 * report or the report for it; the claims' primary key makes of two concurrent reports of one id exactly one
 * the recorder (the other waits for its commit, then finds the id taken), and the claims roll back with the
 * append if it fails.
 */
@Component
public class UsageRecording {

    /** How far a reported time may lie outside the resource's life: reporters' clocks drift a little. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** What a report was about. */
    public enum Used {
        TOOL("Tool"),
        PHONE_NUMBER("Phone number");

        private final String label;

        Used(String label) {
            this.label = label;
        }
    }

    /** How many of a report's items were recorded now, and how many had been recorded before. */
    public record Recorded(int recorded, int duplicates) {}

    private final LookupTables lookups;
    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final Ids ids;

    UsageRecording(
            LookupTables lookups, JdbcClient jdbc, EventStore eventStore, TransactionTemplate transaction, Ids ids) {
        this.ids = ids;
        this.lookups = lookups;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.transaction = transaction;
    }

    /**
     * @param events          one per reported item, in the report's order, each with its time already set
     *                        (the time of receipt where the reporter gave none)
     * @param occurredAtField how the refusal names the {@code occurred_at} of the item at an index
     * @param receivedAt      when the report arrived: the latest time an item may claim, give or take the skew
     * @throws Refusal        {@code not_found} if the resource or an assistant is not the caller's
     * @throws ApiException   {@code validation_failed} naming every item whose time lies outside the window;
     *                        nothing is stored then
     */
    public Recorded record(
            Used used,
            String resourceId,
            String ownerId,
            String actor,
            List<? extends UsageEvent> events,
            IntFunction<String> occurredAtField,
            Instant receivedAt) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put("actor", actor);
        Optional.ofNullable(MDC.get(RequestIdFilter.MDC_KEY)).ifPresent(id -> metaData.put("request_id", id));
        return transaction.execute(status -> {
            Instant createdAt =
                    createdAt(used, ownerId, resourceId).orElseThrow(() -> Refusal.notFound(used.label, resourceId));
            events.stream()
                    .map(UsageEvent::assistantId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .forEach(assistantId -> lookups.requireOwned(ownerId, assistantId));
            requireWithinLife(events, createdAt, receivedAt, occurredAtField);
            List<EventMessage<?>> fresh = new ArrayList<>();
            Set<String> claimed = claim(resourceId, events);
            for (UsageEvent event : events) {
                if (claimed.remove(event.reportId())) {
                    // the event's id is the execution's or call's id in the API: a UUIDv7, as every id (ADR 0003)
                    fresh.add(new GenericEventMessage<>(ids.next(), event, MetaData.from(metaData), receivedAt));
                }
            }
            if (!fresh.isEmpty()) {
                eventStore.publish(fresh);
            }
            return new Recorded(fresh.size(), events.size() - fresh.size());
        });
    }

    private Optional<Instant> createdAt(Used used, String ownerId, String resourceId) {
        return used == Used.TOOL
                ? lookups.liveToolCreatedAt(ownerId, resourceId)
                : lookups.livePhoneNumberCreatedAt(ownerId, resourceId);
    }

    /** Not before the resource existed, not after the report arrived (each give or take {@link #CLOCK_SKEW}). */
    private static void requireWithinLife(
            List<? extends UsageEvent> events,
            Instant createdAt,
            Instant receivedAt,
            IntFunction<String> occurredAtField) {
        Instant earliest = createdAt.minus(CLOCK_SKEW);
        Instant latest = receivedAt.plus(CLOCK_SKEW);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Instant at = events.get(i).occurredAt();
            if (at.isBefore(earliest)) {
                errors.add(new FieldError(
                        occurredAtField.apply(i),
                        "must not be before " + earliest + " (when the resource was created, less "
                                + CLOCK_SKEW.toMinutes() + " minutes)"));
            } else if (at.isAfter(latest)) {
                errors.add(new FieldError(
                        occurredAtField.apply(i),
                        "must not be after " + latest + " (when the report arrived, plus " + CLOCK_SKEW.toMinutes()
                                + " minutes)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /**
     * Claims the report ids not claimed before for the resource (an id twice in one report counts once).
     *
     * @return the ids this report claimed: its items to record
     */
    private Set<String> claim(String resourceId, List<? extends UsageEvent> events) {
        String[] ids = events.stream().map(UsageEvent::reportId).distinct().toArray(String[]::new);
        // positional: a named array parameter would be expanded into a list of parameters
        return new HashSet<>(jdbc.sql("INSERT INTO command.usage_reports (aggregate_id, report_id) "
                        + "SELECT ?, report_id FROM unnest(CAST(? AS varchar[])) AS ids(report_id) "
                        + "ON CONFLICT DO NOTHING RETURNING report_id")
                .params(resourceId, ids)
                .query(String.class)
                .list());
    }
}
