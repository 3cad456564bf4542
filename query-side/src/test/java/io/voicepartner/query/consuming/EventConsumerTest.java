package io.voicepartner.query.consuming;

import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.Role;
import io.voicepartner.support.json.EnvelopeReader;
import io.voicepartner.support.json.JsonConventions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The live consumer with every real projector, fed records as Kafka hands them over: what it applies, what it
 * refuses as a gap (for the container's error handler to park, ADR 0020), and what a failing record leaves behind.
 */
class EventConsumerTest {

    private static final String OWNER = "owner-consumer";

    private static ReadModelDatabase database;
    private static EventConsumer consumer;
    private static SimpleMeterRegistry meters;
    private static long offset;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        meters = new SimpleMeterRegistry();
        consumer = new EventConsumer(
                new EnvelopeReader(),
                database.projectors(),
                List.of(),
                new RevisionAwaiter(database.dataSource(), database.jdbc()),
                database.transaction(),
                database.jdbc(),
                meters);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void aBatchIsAppliedToTheResourcesReadModelAndItsHistoryAlike() {
        String fileId = UUID.randomUUID().toString();

        consumer.consume(records(
                revision(1, uploaded(fileId)), revision(2, new FileDescriptionUpdated(fileId, OWNER, "described"))));

        assertThat(fileRevision(fileId)).isEqualTo(2L);
        assertThat(historyRevisions(fileId)).containsExactly(1L, 2L);
        assertThat(consumer.processed()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anEventThatSkipsARevisionIsAGapLeftToTheErrorHandlerToPark() {
        String fileId = UUID.randomUUID().toString();
        consumer.consume(records(revision(1, uploaded(fileId))));

        assertThatThrownBy(() -> consumer.consume(
                        records(revision(3, new FileDescriptionUpdated(fileId, OWNER, "overtook revision 2")))))
                .isInstanceOf(BatchListenerFailedException.class)
                .hasCauseInstanceOf(ProjectionGapException.class)
                .hasRootCauseMessage("Revision 3 of " + fileId + " arrived while the read model holds revision 1");

        assertThat(fileRevision(fileId)).isEqualTo(1L);
        assertThat(historyRevisions(fileId))
                .as("the history's row rolled back with the file's")
                .containsExactly(1L);
    }

    @Test
    void anEventOfAResourceNeverCreatedIsAGapToo() {
        String fileId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> consumer.consume(
                        records(revision(2, new FileDescriptionUpdated(fileId, OWNER, "before the upload")))))
                .isInstanceOf(BatchListenerFailedException.class)
                .hasCauseInstanceOf(ProjectionGapException.class);
        assertThat(historyRevisions(fileId)).isEmpty();
    }

    @Test
    void theRecordsBeforeAFailingOneInABatchCommitAndTheFailureNamesItsIndex() {
        String applied = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();

        assertThatThrownBy(() -> consumer.consume(records(
                        revision(1, uploaded(applied)),
                        revision(2, new FileDescriptionUpdated(applied, OWNER, "kept")),
                        revision(2, new FileDescriptionUpdated(missing, OWNER, "a gap")),
                        revision(3, new FileDescriptionUpdated(applied, OWNER, "after the failure")))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        failed -> assertThat(failed.getIndex()).isEqualTo(2));

        assertThat(fileRevision(applied)).isEqualTo(2L);
    }

    @Test
    void aRedeliveredBatchChangesNothingAndIsNotAGap() {
        String fileId = UUID.randomUUID().toString();
        List<ConsumerRecord<String, byte[]>> batch =
                records(revision(1, uploaded(fileId)), revision(2, new FileDescriptionUpdated(fileId, OWNER, "once")));
        consumer.consume(batch);

        consumer.consume(batch);

        assertThat(fileRevision(fileId)).isEqualTo(2L);
        assertThat(historyRevisions(fileId)).containsExactly(1L, 2L);
    }

    @Test
    void anOrganizationsEventThatSkipsARevisionIsAGapAndMakesNobodyAMember() {
        String organizationId = UUID.randomUUID().toString();
        consumer.consume(
                records(revision(1, new OrganizationCreated(organizationId, "Example Dental", "user-founder", false))));

        assertThatThrownBy(() -> consumer.consume(
                        records(revision(3, new MemberAdded(organizationId, "user-late", Role.ADMIN, null)))))
                .isInstanceOf(BatchListenerFailedException.class)
                .hasCauseInstanceOf(ProjectionGapException.class);

        assertThat(database.jdbc()
                        .sql("SELECT user_id FROM query.organization_members WHERE organization_id = ?")
                        .param(organizationId)
                        .query(String.class)
                        .list())
                .containsExactly("user-founder");
    }

    @Test
    void everyAppliedEventIsTimedFromWhenItHappenedToItsCommit() {
        long before = lagCount();
        String fileId = UUID.randomUUID().toString();

        consumer.consume(records(
                revision(1, uploaded(fileId)), revision(2, new FileDescriptionUpdated(fileId, OWNER, "timed"))));

        assertThat(lagCount() - before).isEqualTo(2);
    }

    private static long lagCount() {
        return meters.find(EventConsumer.PROJECTION_LAG).timers().stream()
                .mapToLong(timer -> timer.count())
                .sum();
    }

    private static FileUploaded uploaded(String fileId) {
        return new FileUploaded(
                fileId, OWNER, "a.txt", "A.txt", FileType.TXT, 3, "files/" + fileId, null, "00".repeat(32));
    }

    private static List<ConsumerRecord<String, byte[]>> records(EventEnvelope... envelopes) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (EventEnvelope envelope : envelopes) {
            try {
                records.add(new ConsumerRecord<>(
                        AggregateType.FILE.topic(),
                        0,
                        offset++,
                        envelope.aggregateId(),
                        JsonConventions.newObjectMapper().writeValueAsBytes(envelope)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return records;
    }

    private static Long fileRevision(String fileId) {
        return database.jdbc()
                .sql("SELECT revision FROM query.files WHERE id = ?")
                .param(fileId)
                .query(Long.class)
                .single();
    }

    private static List<Long> historyRevisions(String aggregateId) {
        return database.jdbc()
                .sql("SELECT revision FROM query.history WHERE aggregate_id = ? ORDER BY revision")
                .param(aggregateId)
                .query(Long.class)
                .list();
    }
}
