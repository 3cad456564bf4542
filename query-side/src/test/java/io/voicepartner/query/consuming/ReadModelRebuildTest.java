package io.voicepartner.query.consuming;

import static io.voicepartner.query.consuming.Envelopes.EPOCH;
import static io.voicepartner.query.consuming.Envelopes.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.organization.InvitationCreated;
import io.voicepartner.api.organization.MemberAdded;
import io.voicepartner.api.organization.OrganizationCreated;
import io.voicepartner.api.organization.Role;
import io.voicepartner.support.json.EnvelopeReader;
import io.voicepartner.support.json.JsonConventions;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A rebuild's shadow tables and their swap, against the real database and every real projector. The topic is
 * Kafka's own in-memory consumer holding what the files' topic would ({@link MockConsumer}): what is under test is
 * what the rebuild makes of the records in the database, not the broker (the fault profile rebuilds over a real
 * one, RELIABILITY.md).
 */
class ReadModelRebuildTest {

    private static final String OWNER = "owner-rebuild";
    private static final TopicPartition FILES = new TopicPartition(AggregateType.FILE.topic(), 0);
    private static final TopicPartition ORGANIZATIONS = new TopicPartition(AggregateType.ORGANIZATION.topic(), 0);

    private static ReadModelDatabase database;

    private final List<ConsumerRecord<String, byte[]>> topic = new ArrayList<>();
    /** The partition {@link #topic} is, the only one the rebuild's consumer has. */
    private TopicPartition partition = FILES;

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void startFromEmptyReadModels() {
        database.truncateReadModels();
    }

    @Test
    void theServedTablesAreReplacedByWhatTheTopicsSayAndNothingElse() {
        String kept = UUID.randomUUID().toString();
        publish(revision(1, uploaded(kept)), revision(2, new FileDescriptionUpdated(kept, OWNER, "from the topic")));
        insertServedFile("a-row-no-event-backs");

        ReadModelRebuild.Result result = rebuild(Set.of(ReadModel.FILES), (done, total) -> true);

        assertThat(result).isEqualTo(new ReadModelRebuild.Result(2, List.of()));
        assertThat(database.jdbc()
                        .sql("SELECT id || ' ' || revision || ' ' || description FROM query.files")
                        .query(String.class)
                        .list())
                .containsExactly(kept + " 2 from the topic");
    }

    @Test
    void theNewTablesHaveTheServedTablesIndexesAndTheShadowSchemaIsGone() {
        List<String> before = indexesOf("files");
        publish(revision(1, uploaded(UUID.randomUUID().toString())));

        rebuild(Set.of(ReadModel.FILES), (done, total) -> true);

        assertThat(indexesOf("files")).containsExactlyInAnyOrderElementsOf(before);
        assertThat(schemaExists(ProjectionSchema.SHADOW)).isFalse();
    }

    @Test
    void readModelsNotRebuiltKeepTheirRows() {
        database.jdbc()
                .sql("INSERT INTO query.users (id, revision, email, name, created_at, updated_at) "
                        + "VALUES ('user-1', 1, 'ada@example.com', 'Ada', now(), now())")
                .update();
        publish(revision(1, uploaded(UUID.randomUUID().toString())));

        rebuild(Set.of(ReadModel.FILES), (done, total) -> true);

        assertThat(database.jdbc()
                        .sql("SELECT count(*) FROM query.users")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRecordThatCannotBeAppliedIsSetAsideWithItsAggregatesLaterOnesAndTheRestIsSwappedIn() {
        String good = UUID.randomUUID().toString();
        String broken = UUID.randomUUID().toString();
        publish(
                revision(1, uploaded(good)),
                revision(2, new FileDescriptionUpdated(broken, OWNER, "its upload is missing")),
                revision(3, new FileDescriptionUpdated(broken, OWNER, "behind the missing one")));

        ReadModelRebuild.Result result = rebuild(Set.of(ReadModel.FILES), (done, total) -> true);

        assertThat(result.parked()).hasSize(2);
        assertThat(result.parked().get(0)).contains("revision 2 of " + broken);
        assertThat(result.parked().get(1)).contains("waiting behind an earlier record of " + broken);
        assertThat(database.jdbc()
                        .sql("SELECT id FROM query.files")
                        .query(String.class)
                        .list())
                .containsExactly(good);
    }

    @Test
    void theOrganizationsAreRebuiltWithTheirMembersAndInvitations() {
        partition = ORGANIZATIONS;
        String organizationId = UUID.randomUUID().toString();
        String invitationId = UUID.randomUUID().toString();
        publish(
                revision(1, new OrganizationCreated(organizationId, "Example Dental", "user-founder", false)),
                revision(
                        2,
                        new InvitationCreated(
                                organizationId,
                                invitationId,
                                "grace@example.com",
                                Role.EDITOR,
                                "ab".repeat(32),
                                EPOCH.plusSeconds(3600))),
                revision(3, new MemberAdded(organizationId, "user-joiner", Role.EDITOR, invitationId)));
        List<String> before = indexesOf("organization_members");

        ReadModelRebuild.Result result = rebuild(Set.of(ReadModel.ORGANIZATIONS), (done, total) -> true);

        assertThat(result).isEqualTo(new ReadModelRebuild.Result(3, List.of()));
        assertThat(database.jdbc()
                        .sql("SELECT user_id || ' ' || role FROM query.organization_members "
                                + "WHERE organization_id = ? ORDER BY user_id")
                        .param(organizationId)
                        .query(String.class)
                        .list())
                .containsExactly("user-founder owner", "user-joiner editor");
        assertThat(database.jdbc()
                        .sql("SELECT status FROM query.organization_invitations WHERE id = ?")
                        .param(invitationId)
                        .query(String.class)
                        .single())
                .isEqualTo("accepted");
        assertThat(indexesOf("organization_members")).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void aCancelledRebuildLeavesTheServedTablesAsTheyWereAndDropsItsShadow() {
        insertServedFile("served-before");
        publish(revision(1, uploaded(UUID.randomUUID().toString())));

        assertThatThrownBy(() -> rebuild(Set.of(ReadModel.FILES), (done, total) -> done == 0))
                .isInstanceOf(ReadModelRebuild.Cancelled.class);

        assertThat(database.jdbc()
                        .sql("SELECT id FROM query.files")
                        .query(String.class)
                        .list())
                .containsExactly("served-before");
        assertThat(schemaExists(ProjectionSchema.SHADOW)).isFalse();
    }

    private ReadModelRebuild.Result rebuild(Set<ReadModel> models, ReadModelRebuild.Progress progress) {
        return new ReadModelRebuild(
                        new TopicConsumers(),
                        new EnvelopeReader(),
                        database.projectors(),
                        database.jdbc(),
                        database.dataSource(),
                        database.transaction(),
                        100,
                        2,
                        true,
                        0)
                .run(models, progress);
    }

    /** Hands the rebuild a consumer of {@link #topic}, the one partition of the read model's topic. */
    private final class TopicConsumers extends DefaultKafkaConsumerFactory<String, byte[]> {

        TopicConsumers() {
            super(Map.of());
        }

        @Override
        public Consumer<String, byte[]> createConsumer(
                String groupId, String clientIdPrefix, String clientIdSuffix, Properties properties) {
            MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
            consumer.updatePartitions(
                    partition.topic(), List.of(new PartitionInfo(partition.topic(), 0, null, null, null)));
            consumer.updateBeginningOffsets(Map.of(partition, 0L));
            consumer.updateEndOffsets(Map.of(partition, (long) topic.size()));
            consumer.schedulePollTask(() -> topic.forEach(consumer::addRecord));
            return consumer;
        }
    }

    private void publish(EventEnvelope... envelopes) {
        for (EventEnvelope envelope : envelopes) {
            try {
                topic.add(new ConsumerRecord<>(
                        partition.topic(),
                        0,
                        topic.size(),
                        envelope.aggregateId(),
                        JsonConventions.newObjectMapper().writeValueAsBytes(envelope)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static FileUploaded uploaded(String fileId) {
        return new FileUploaded(
                fileId, OWNER, "a.txt", "A.txt", FileType.TXT, 3, "files/" + fileId, "uploaded", "00".repeat(32));
    }

    private static void insertServedFile(String id) {
        database.jdbc()
                .sql("INSERT INTO query.files (id, owner_id, created_by, revision, filename, original_name, "
                        + "file_type, file_size, storage_location, sha256, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 1, 'x.txt', 'X.txt', 'txt', 1, 'files/x', ?, 'uploading', ?, ?)")
                .params(id, OWNER, OWNER, "00".repeat(32), Timestamp.from(EPOCH), Timestamp.from(EPOCH))
                .update();
    }

    private static List<String> indexesOf(String table) {
        return database.jdbc()
                .sql("SELECT indexname FROM pg_indexes WHERE schemaname = 'query' AND tablename = ?")
                .param(table)
                .query(String.class)
                .list();
    }

    private static boolean schemaExists(String schema) {
        return database.jdbc()
                        .sql("SELECT count(*) FROM pg_namespace WHERE nspname = ?")
                        .param(schema)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
