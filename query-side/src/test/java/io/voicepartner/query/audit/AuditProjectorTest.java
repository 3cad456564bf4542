package io.voicepartner.query.audit;

import static io.voicepartner.query.consuming.Envelopes.EPOCH;
import static io.voicepartner.query.consuming.Envelopes.byRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.MemberRoleChanged;
import io.voicepartner.api.organization.OrganizationRenamed;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.signin.SignInFailed;
import io.voicepartner.api.signin.SignInSucceeded;
import io.voicepartner.api.tool.ToolDeleted;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModel;
import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.query.web.UsageQuery;
import io.voicepartner.support.personal.KeyWrapping;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.personal.PersonalDataKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@code query.audit_log}: every event an organization owns is one entry of its log, with who did it,
 * what and to which resource in which request; a sign-in is an entry of each organization its user belonged to then;
 * usage is no entry; a redelivery adds nothing; and the log reads newest first, narrowed by every filter, page after
 * page.
 */
class AuditProjectorTest {

    private static ReadModelDatabase database;
    private static List<Projector> projectors;
    private static AuditRows rows;

    /** Unique per test, so that the tests share the database without seeing each other's rows. */
    private final String organization = UUID.randomUUID().toString();

    private final String anna = UUID.randomUUID().toString();
    private final String ben = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        projectors = database.projectors().stream()
                .filter(projector -> projector.readModel() == ReadModel.AUDIT_LOG)
                .toList();
        rows = new AuditRows(
                database.jdbc(), new PersonalData(new PersonalDataKeys(database.jdbc(), KeyWrapping.development())));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void everyTypeButUsageHasItsAuditProjector() {
        assertThat(projectors)
                .map(Projector::aggregateType)
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(AggregateType.USAGE)));
    }

    @Test
    void anEventIsOneEntryOfTheOrganizationThatOwnsItWithItsActorResourceAndRequest() {
        String assistant = UUID.randomUUID().toString();
        EventEnvelope deleted = byRequest(anna, "req-7", 4, EPOCH, new AssistantDeleted(assistant, organization));

        apply(deleted);
        apply(deleted);

        assertThat(page(filter(), null, 10).items())
                .containsExactly(new AuditEntry(
                        deleted.eventId(),
                        EPOCH,
                        ActorView.recorded(anna),
                        "AssistantDeleted",
                        new AuditEntry.AuditedResource(ResourceType.ASSISTANT, assistant),
                        "req-7",
                        null));
    }

    @Test
    void theOrganizationsOwnChangesAreItsEntriesWithTheOrganizationAsTheirResource() {
        apply(byRequest(anna, "req-1", 2, EPOCH, new OrganizationRenamed(organization, "Acme")));
        apply(byRequest(
                anna,
                "req-2",
                3,
                EPOCH.plusSeconds(1),
                new MemberRoleChanged(organization, ben, Role.VIEWER, Role.ADMIN)));

        AuditEntry.AuditedResource theOrganization =
                new AuditEntry.AuditedResource(ResourceType.ORGANIZATION, organization);
        assertThat(page(filter(), null, 10).items())
                .extracting(AuditEntry::action, AuditEntry::resource)
                .containsExactly(
                        tuple("MemberRoleChanged", theOrganization), tuple("OrganizationRenamed", theOrganization));
    }

    @Test
    void aSignInIsAnEntryOfEachOrganizationItsUserBelongedToThenWithWhereItCameFrom() {
        String other = UUID.randomUUID().toString();
        String joinedLater = UUID.randomUUID().toString();
        EventEnvelope succeeded = byRequest(
                ben, "req-3", 0, EPOCH, new SignInSucceeded(ben, List.of(ben, organization, other), "203.0.113.24"));
        EventEnvelope failed = byRequest(
                ben,
                "req-4",
                0,
                EPOCH.plusSeconds(1),
                new SignInFailed(ben, List.of(ben, organization, other), "198.51.100.7"));

        apply(succeeded);
        apply(failed);
        apply(succeeded);

        for (String each : List.of(ben, organization, other)) {
            assertThat(rows.list(each, filter(), null, 10).items())
                    .extracting(
                            AuditEntry::id,
                            AuditEntry::action,
                            AuditEntry::actor,
                            AuditEntry::resource,
                            AuditEntry::requestId,
                            AuditEntry::clientAddress)
                    .containsExactly(
                            tuple(
                                    failed.eventId(),
                                    "SignInFailed",
                                    ActorView.recorded(ben),
                                    new AuditEntry.AuditedResource(ResourceType.USER, ben),
                                    "req-4",
                                    "198.51.100.7"),
                            tuple(
                                    succeeded.eventId(),
                                    "SignInSucceeded",
                                    ActorView.recorded(ben),
                                    new AuditEntry.AuditedResource(ResourceType.USER, ben),
                                    "req-3",
                                    "203.0.113.24"));
        }
        assertThat(rows.list(joinedLater, filter(), null, 10).items()).isEmpty();
    }

    @Test
    void usageIsNoEntryNotEvenTheLegacyUsageInAToolsStream() {
        String tool = UUID.randomUUID().toString();
        apply(byRequest(
                anna,
                null,
                2,
                EPOCH,
                new ToolExecuted(tool, organization, "run-1", null, 20, true, 200, EPOCH, false)));
        apply(byRequest(anna, null, 3, EPOCH.plusSeconds(1), new ToolDeleted(tool, organization)));

        assertThat(page(filter(), null, 10).items())
                .extracting(AuditEntry::action)
                .containsExactly("ToolDeleted");
    }

    @Test
    void anApiKeyAndThePlatformAreActorsApartFromUsers() {
        String file = UUID.randomUUID().toString();
        apply(byRequest("api_key:0194f0c2-key", null, 2, EPOCH, new FileDescriptionUpdated(file, organization, "a")));
        apply(byRequest("system", null, 3, EPOCH.plusSeconds(1), new FileDescriptionUpdated(file, organization, "b")));

        assertThat(page(filter(), null, 10).items())
                .extracting(AuditEntry::actor)
                .containsExactly(
                        new ActorView(ActorView.Type.SYSTEM, "system", null, null),
                        new ActorView(ActorView.Type.API_KEY, "0194f0c2-key", null, null));
        assertThat(page(new AuditRows.Filter("0194f0c2-key", null, null, null, null, null), null, 10)
                        .items())
                .extracting(AuditEntry::requestId, entry -> entry.actor().type())
                .containsExactly(tuple(null, ActorView.Type.API_KEY));
    }

    @Test
    void theLogReadsNewestFirstNarrowedByEachFilterPageAfterPage() {
        String assistant = UUID.randomUUID().toString();
        String tool = UUID.randomUUID().toString();
        List<EventEnvelope> applied = new ArrayList<>();
        for (int minute = 0; minute < 6; minute++) {
            DomainEvent event = minute % 2 == 0
                    ? new AssistantDeleted(assistant, organization)
                    : new ToolDeleted(tool, organization);
            EventEnvelope envelope = byRequest(minute < 3 ? anna : ben, null, minute + 1, at(minute), event);
            apply(envelope);
            applied.add(envelope);
        }

        UsageQuery.Page<AuditEntry> first = page(filter(), null, 4);
        UsageQuery.Page<AuditEntry> second = page(
                filter(),
                new UsageQuery.Position(first.last().occurredAt(), first.last().id()),
                4);

        assertThat(first.items())
                .extracting(AuditEntry::id)
                .containsExactly(
                        applied.get(5).eventId(),
                        applied.get(4).eventId(),
                        applied.get(3).eventId(),
                        applied.get(2).eventId());
        assertThat(first.hasMore()).isTrue();
        assertThat(first.total()).isEqualTo(6);
        assertThat(second.items())
                .extracting(AuditEntry::id)
                .containsExactly(applied.get(1).eventId(), applied.get(0).eventId());
        assertThat(second.hasMore()).isFalse();
        assertThat(occurredAt(page(new AuditRows.Filter(ben, null, null, null, null, null), null, 10)))
                .containsExactly(at(5), at(4), at(3));
        assertThat(occurredAt(page(new AuditRows.Filter(null, ResourceType.TOOL, null, null, null, null), null, 10)))
                .containsExactly(at(5), at(3), at(1));
        assertThat(occurredAt(page(new AuditRows.Filter(null, null, assistant, null, null, null), null, 10)))
                .containsExactly(at(4), at(2), at(0));
        assertThat(occurredAt(page(new AuditRows.Filter(null, null, null, "ToolDeleted", null, null), null, 10)))
                .containsExactly(at(5), at(3), at(1));
        UsageQuery.Page<AuditEntry> between =
                page(new AuditRows.Filter(anna, null, null, null, at(1), at(2)), null, 10);
        assertThat(occurredAt(between)).containsExactly(at(1));
        assertThat(between.total()).isEqualTo(1);
    }

    private void apply(EventEnvelope envelope) {
        AggregateType type = AggregateType.valueOf(envelope.aggregateType().toUpperCase(Locale.ROOT));
        database.project(() -> projectors.stream()
                .filter(projector -> projector.aggregateType() == type)
                .forEach(projector -> projector.apply(envelope)));
    }

    private UsageQuery.Page<AuditEntry> page(AuditRows.Filter filter, UsageQuery.Position after, int limit) {
        return rows.list(organization, filter, after, limit);
    }

    private static AuditRows.Filter filter() {
        return new AuditRows.Filter(null, null, null, null, null, null);
    }

    private static Instant at(int minute) {
        return EPOCH.plusSeconds(60L * minute);
    }

    private static List<Instant> occurredAt(UsageQuery.Page<AuditEntry> page) {
        return page.items().stream().map(AuditEntry::occurredAt).toList();
    }
}
