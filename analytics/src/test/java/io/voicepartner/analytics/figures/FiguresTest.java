package io.voicepartner.analytics.figures;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.analytics.consuming.AnalyticsDatabase;
import io.voicepartner.analytics.consuming.Envelopes;
import io.voicepartner.api.assistant.AssistantConfiguration;
import io.voicepartner.api.assistant.AssistantCreated;
import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.api.usage.PhoneCallRecorded;
import io.voicepartner.api.usage.ToolExecutionRecorded;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The analytics contract at the database: which events become facts (once per event id, whatever replays them),
 * the day each counts on (UTC), and the figures computed from them per owner over a range of days.
 */
class FiguresTest {

    private static final String OWNER = "owner-figures";
    private static final DateRange MARCH = DateRange.of("2026-03-01", "2026-03-31");

    private static AnalyticsDatabase database;
    private static Facts facts;
    private static Figures figures;

    @BeforeAll
    static void createDatabase() {
        database = AnalyticsDatabase.create();
        facts = new Facts(database.jdbc());
        figures = new Figures(database.jdbc());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void startFromNoFacts() {
        database.truncate();
    }

    @Test
    void latencyPercentilesAreExactNearestRanksOfTheReportedDurations() {
        for (int ms = 1; ms <= 100; ms++) {
            facts.record(envelope(new ToolExecutionRecorded(
                    "tool-1",
                    OWNER,
                    "exec-" + ms,
                    "assistant-1",
                    ms,
                    ms > 90,
                    200,
                    Instant.parse("2026-03-10T12:00:00Z"),
                    false)));
        }

        assertThat(figures.toolExecutions(OWNER, MARCH))
                .containsExactly(new Figures.ToolExecutionsPerAssistant("assistant-1", 100, 90, 0.9, 50, 95, 99));
    }

    @Test
    void aPercentileIsAlwaysADurationThatWasReported() {
        for (long ms : new long[] {10, 20, 1000}) {
            facts.record(envelope(new ToolExecutionRecorded(
                    "tool-1",
                    OWNER,
                    "exec-" + ms,
                    "assistant-1",
                    ms,
                    true,
                    200,
                    Instant.parse("2026-03-10T12:00:00Z"),
                    false)));
        }

        Figures.ToolExecutionsPerAssistant figure =
                figures.toolExecutions(OWNER, MARCH).get(0);

        assertThat(figure.p50Ms()).isEqualTo(20);
        assertThat(figure.p95Ms()).isEqualTo(1000);
        assertThat(figure.errorRate()).isZero();
    }

    @Test
    void aFactDeliveredAgainOrReplayedCountsOnce() {
        EventEnvelope execution = envelope(new ToolExecutionRecorded(
                "tool-1", OWNER, "exec-1", "assistant-1", 40, true, 200, Instant.parse("2026-03-10T12:00:00Z"), false));
        facts.record(execution);
        facts.record(execution);

        assertThat(figures.toolExecutions(OWNER, MARCH).get(0).executions()).isEqualTo(1);
    }

    @Test
    void testCallsAreNoUsage() {
        facts.record(envelope(new ToolExecutionRecorded(
                "tool-1", OWNER, "exec-1", "assistant-1", 40, true, 200, Instant.parse("2026-03-10T12:00:00Z"), true)));
        facts.record(envelope(new ToolExecuted(
                "tool-1", OWNER, "exec-2", "assistant-1", 40, true, 200, Instant.parse("2026-03-10T12:00:00Z"), true)));

        assertThat(figures.toolExecutions(OWNER, MARCH)).isEmpty();
    }

    @Test
    void legacyExecutionsAndCallsFromTheResourcesOwnTopicsCountLikeUsage() {
        facts.record(envelope(new ToolExecuted(
                "tool-1",
                OWNER,
                "exec-1",
                "assistant-1",
                40,
                false,
                500,
                Instant.parse("2026-03-10T12:00:00Z"),
                false)));
        facts.record(envelope(new CallRecorded(
                "number-1",
                OWNER,
                "call-1",
                "assistant-1",
                60,
                CallDirection.INBOUND,
                Instant.parse("2026-03-10T12:00:00Z"))));
        facts.record(envelope(new PhoneCallRecorded(
                "number-1",
                OWNER,
                "call-2",
                "assistant-1",
                30,
                CallDirection.OUTBOUND,
                Instant.parse("2026-03-11T12:00:00Z"))));

        assertThat(figures.toolExecutions(OWNER, MARCH).get(0).errors()).isEqualTo(1);
        assertThat(figures.phoneNumberUsage(OWNER, MARCH))
                .containsExactly(new Figures.PhoneNumberUsage("number-1", 2, 90, 1.5));
    }

    @Test
    void minutesAreRoundedToHundredths() {
        facts.record(envelope(new PhoneCallRecorded(
                "number-1",
                OWNER,
                "call-1",
                "assistant-1",
                61,
                CallDirection.INBOUND,
                Instant.parse("2026-03-11T12:00:00Z"))));

        assertThat(figures.phoneNumberUsage(OWNER, MARCH).get(0).minutes()).isEqualTo(1.02);
    }

    @Test
    void aFactCountsOnItsDayInUtcAndBothEndsOfTheRangeAreIncluded() {
        created(Instant.parse("2026-02-28T23:59:59Z"));
        created(Instant.parse("2026-03-01T00:00:00Z"));
        created(Instant.parse("2026-03-31T23:30:00Z"));
        created(Instant.parse("2026-03-31T23:30:00-01:00"));

        assertThat(figures.assistantsCreated(OWNER, MARCH))
                .containsExactly(
                        new Figures.AssistantsPerDay(LocalDate.parse("2026-03-01"), 1),
                        new Figures.AssistantsPerDay(LocalDate.parse("2026-03-31"), 1));
    }

    @Test
    void uploadsAreCountedWithTheirBytesPerDay() {
        facts.record(envelope(upload(1000), Instant.parse("2026-03-05T08:00:00Z")));
        facts.record(envelope(upload(24), Instant.parse("2026-03-05T18:00:00Z")));

        assertThat(figures.fileUploads(OWNER, MARCH))
                .containsExactly(new Figures.UploadsPerDay(LocalDate.parse("2026-03-05"), 2, 1024));
    }

    @Test
    void eventsThatAreNoFactsChangeNoFigure() {
        facts.record(envelope(new AssistantDeleted("assistant-1", OWNER), Instant.parse("2026-03-05T08:00:00Z")));

        assertThat(figures.assistantsCreated(OWNER, MARCH)).isEmpty();
    }

    @Test
    void anotherOwnersFactsAreNeverInTheFigures() {
        facts.record(envelope(new ToolExecutionRecorded(
                "tool-x",
                "someone-else",
                "exec-1",
                "assistant-x",
                40,
                true,
                200,
                Instant.parse("2026-03-10T12:00:00Z"),
                false)));

        assertThat(figures.toolExecutions(OWNER, MARCH)).isEmpty();
    }

    @Test
    void aRebuildStartsTheFiguresFromNothing() {
        created(Instant.parse("2026-03-05T08:00:00Z"));

        database.recreate();

        assertThat(figures.assistantsCreated(OWNER, MARCH)).isEmpty();
    }

    private static void created(Instant at) {
        String id = UUID.randomUUID().toString();
        facts.record(envelope(
                new AssistantCreated(
                        id,
                        OWNER,
                        new AssistantConfiguration(
                                "A", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null, true, null)),
                at));
    }

    private static FileUploaded upload(long bytes) {
        String id = UUID.randomUUID().toString();
        return new FileUploaded(id, OWNER, "f.txt", "F.txt", FileType.TXT, bytes, "files/" + id, null, "00".repeat(32));
    }

    private static EventEnvelope envelope(DomainEvent event) {
        return envelope(event, Instant.parse("2026-03-20T00:00:00Z"));
    }

    private static EventEnvelope envelope(DomainEvent event, Instant occurredAt) {
        return Envelopes.at(1, occurredAt, event);
    }
}
