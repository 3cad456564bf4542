package io.voicepartner.launcher;

import static io.voicepartner.launcher.KafkaBrokerKillFaultIT.awaitMoreAcknowledged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster of {@code infra/scripts/cluster} (two command-side nodes, two query-side nodes, analytics, three
 * Kafka brokers, nginx), started by the script itself: first what must hold across nodes (concurrent writes to one
 * aggregate through both command nodes, each node seeing the other's writes at once, read-your-writes whichever
 * nodes take the write and the read, the publisher on one node at a time), then one process after another killed
 * with SIGKILL, or paused with SIGSTOP past the publisher's claim timeout, while clients write through the gateway.
 * After each, every acknowledged write is counted in the store, on its topic and in its read model
 * ({@link Ledger}), and the time the survivors took to take over is measured.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {

    private static final String PUBLISHER = "kafka-publisher";
    private static final String ASSISTANTS = "voicepartner.assistants";
    /** The longest a client may see answers {@code 5xx} in a row of faults: RELIABILITY.md's bound. */
    private static final Duration SERVER_ERROR_BOUND = Duration.ofSeconds(10);

    private static LocalCluster cluster;
    private static Admin kafka;

    @BeforeAll
    static void startTheCluster() {
        cluster = LocalCluster.start(Map.of(
                // one client signs up every writer of the scenarios; the limits are IdentityIT's to prove
                "SIGNUPS_PER_MINUTE_PER_CLIENT", "100000",
                "SIGNUPS_PER_MINUTE", "100000",
                // five pools on the shared server of 100 connections, beside the other tests' platforms
                "DATABASE_POOL_SIZE", "4",
                // a paused node's transactions are ended after 15 s rather than production's 2 minutes (past the
                // longest text extraction, which this test does not do), so that the pause need not last minutes
                "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", "15000",
                // C1 alone: eight JVMs start side by side on two cores, and this test measures no throughput
                "CLUSTER_JAVA_OPTS", "-XX:TieredStopAtLevel=1"));
        kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void stopTheCluster() {
        if (kafka != null) {
            kafka.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void everyTopicHasThreeReplicasAndNeedsTwoOfThemForAWrite() throws Exception {
        Api.Response signedUp = cluster.gateway()
                .post("/api/users", Map.of("email", "first@example.com", "password", "correct horse battery"));
        assertThat(signedUp.status()).as("%s", signedUp).isIn(201, 202);
        Set<String> topics = kafka.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(topic -> topic.startsWith("voicepartner."))
                .collect(Collectors.toSet());
        assertThat(topics).contains(ASSISTANTS, "voicepartner.users", ASSISTANTS + "-dlt");

        for (TopicDescription topic : kafka.describeTopics(topics)
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .values()) {
            for (TopicPartitionInfo partition : topic.partitions()) {
                assertThat(partition.replicas())
                        .as("%s-%d", topic.name(), partition.partition())
                        .hasSize(3);
            }
        }
        ConfigResource assistants = new ConfigResource(ConfigResource.Type.TOPIC, ASSISTANTS);
        assertThat(kafka.describeConfigs(List.of(assistants))
                        .all()
                        .get(10, TimeUnit.SECONDS)
                        .get(assistants)
                        .get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)
                        .value())
                .isEqualTo("2");
    }

    /**
     * Eight writers on one assistant, half through each command node, each reading the revision from the query node
     * the other half uses: the losers of each race get {@code 412} or {@code 409} and retry, and the store ends with
     * one event per acknowledged write, with contiguous sequence numbers.
     */
    @Test
    @Order(2)
    void concurrentWritesThroughBothCommandNodesLoseNoUpdate() throws Exception {
        Api alice = Writers.signUp(cluster.gateway());
        Ledger ledger = new Ledger();
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Contended across nodes"));
        ledger.record(ASSISTANTS, created);
        String id = created.data().path("id").asText();
        int writers = 8;
        int writesEach = 6;
        AtomicInteger refused = new AtomicInteger();
        Map<String, AtomicInteger> acknowledgedBy = new ConcurrentHashMap<>();

        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int writer = 0; writer < writers; writer++) {
            int me = writer;
            String commandNode = LocalCluster.COMMAND_NODES.get(me % 2);
            Api writes = cluster.node(commandNode).withHeaders(alice.headers());
            Api reads = cluster.node(LocalCluster.QUERY_NODES.get((me + 1) % 2)).withHeaders(alice.headers());
            done.add(CompletableFuture.runAsync(
                    () -> {
                        for (int write = 0; write < writesEach; write++) {
                            while (true) {
                                String revision =
                                        reads.get("/api/assistants/" + id).header("ETag");
                                Api.Response response = writes.withHeader("If-Match", revision)
                                        .patch(
                                                "/api/assistants/" + id,
                                                Map.of("description", "writer " + me + " write " + write));
                                if (response.status() == 412 || response.status() == 409) {
                                    refused.incrementAndGet();
                                    continue;
                                }
                                assertThat(response.status())
                                        .as(response.toString())
                                        .isIn(200, 202);
                                ledger.record(ASSISTANTS, response);
                                acknowledgedBy
                                        .computeIfAbsent(commandNode, node -> new AtomicInteger())
                                        .incrementAndGet();
                                break;
                            }
                        }
                    },
                    pool));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        pool.shutdown();

        Ledger.Counts counts = ledger.settle(
                "11-cluster-concurrent-writers",
                cluster.database(),
                cluster.bootstrapServers(),
                Duration.ofSeconds(90));
        assertThat(counts.acknowledged()).isEqualTo(1 + writers * writesEach);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(acknowledgedBy.keySet()).containsExactlyInAnyOrderElementsOf(LocalCluster.COMMAND_NODES);
        assertThat(refused.get())
                .as("writers on different nodes were refused and retried")
                .isPositive();
        assertThat(sequenceNumbers(id))
                .containsExactlyElementsOf(
                        LongStream.range(0, 1 + writers * writesEach).boxed().toList());
        report(
                "11-cluster-concurrent-writers",
                "%d writes through 2 command nodes, %d refused with 412/409 and retried, sequence 0…%d contiguous"
                        .formatted(writers * writesEach, refused.get(), writers * writesEach));
    }

    /**
     * Each write through one command node, on the revision the other node's last answer named: the command side keeps
     * no aggregate in memory between commands (every command loads it from the store, from its snapshot on), so a
     * node never decides on a state older than another node's write. And each answer waited until the read model had
     * the write, so both query nodes, which read the one read model, show it at once.
     */
    @Test
    @Order(3)
    void eachNodeWritesOnTheOthersLatestRevisionAndEveryQueryNodeShowsItAtOnce() {
        Api alice = Writers.signUp(cluster.gateway());
        Api.Response created = alice.post("/api/assistants", Map.of("name", "Ping-pong"));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.data().path("id").asText();
        long revision = created.data().path("revision").asLong();
        for (int write = 0; write < 20; write++) {
            Api node = cluster.node(LocalCluster.COMMAND_NODES.get(write % 2)).withHeaders(alice.headers());
            Api.Response written = node.withHeader("If-Match", "\"" + revision + "\"")
                    .patch("/api/assistants/" + id, Map.of("description", "write " + write));
            assertThat(written.status())
                    .as("write %d on %s with the other node's revision: %s", write, node.baseUrl(), written)
                    .isEqualTo(200);
            assertThat(written.data().path("revision").asLong()).isEqualTo(revision + 1);
            revision = written.data().path("revision").asLong();
            for (String queryNode : LocalCluster.QUERY_NODES) {
                Api.Response read =
                        cluster.node(queryNode).withHeaders(alice.headers()).get("/api/assistants/" + id);
                assertThat(read.data().path("revision").asLong())
                        .as("%s right after write %d", queryNode, write)
                        .isEqualTo(revision);
            }
        }
        Api.Response stale = cluster.node("command-1")
                .withHeaders(alice.headers())
                .withHeader("If-Match", "\"" + (revision - 1) + "\"")
                .patch("/api/assistants/" + id, Map.of("description", "on an old revision"));
        assertThat(stale.status()).as("%s", stale).isEqualTo(412);
    }

    @Test
    @Order(4)
    void theCommandNodeThatPublishesIsKilledAndTheOtherTakesOverItsClaim() throws Exception {
        String publishing = awaitClaimant();
        String other = otherCommandNode(publishing);
        Ledger ledger = new Ledger();
        long takeover;
        try (Writers writers = new Writers(cluster.gateway(), ledger, 3)) {
            awaitMoreAcknowledged(ledger, 30);
            long killed = System.nanoTime();
            cluster.kill(publishing);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() ->
                            cluster.claimant(PUBLISHER).filter(other::equals).isPresent());
            takeover = System.nanoTime() - killed;
            awaitMoreAcknowledged(ledger, 30);
        }
        cluster.startWhatIsDown();
        settleAndReport("12-cluster-command-node-sigkill", ledger, "publisher claim taken over in " + ms(takeover));
        assertThat(Duration.ofNanos(takeover)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    @Order(5)
    void aQueryNodeIsKilledAndTheOtherTakesItsPartitions() throws Exception {
        String group = "voicepartner-query-side";
        int members = members(group);
        Ledger ledger = new Ledger();
        long rebalance;
        int survivors;
        try (Writers writers = new Writers(cluster.gateway(), ledger, 3)) {
            awaitMoreAcknowledged(ledger, 30);
            long killed = System.nanoTime();
            cluster.kill("query-1");
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        ConsumerGroupDescription description = describe(group);
                        return description.state() == ConsumerGroupState.STABLE
                                && description.members().size() < members;
                    });
            rebalance = System.nanoTime() - killed;
            survivors = members(group);
            awaitMoreAcknowledged(ledger, 30);
        }
        cluster.startWhatIsDown();
        settleAndReport(
                "13-cluster-query-node-sigkill",
                ledger,
                "consumer group %s rebalanced from %d to %d members in %s"
                        .formatted(group, members, survivors, ms(rebalance)));
    }

    @Test
    @Order(6)
    void theAnalyticsNodeIsKilledAndCatchesUpWhenItIsBack() throws Exception {
        Api reader = Writers.signUp(cluster.gateway());
        String range = "/api/analytics/assistants?from="
                + LocalDate.now(ZoneOffset.UTC).minusDays(1) + "&to=" + LocalDate.now(ZoneOffset.UTC);
        assertThat(reader.get(range).status()).isEqualTo(200);
        Ledger ledger = new Ledger();
        long caughtUp;
        try (Writers writers = new Writers(cluster.gateway(), ledger, 3)) {
            awaitMoreAcknowledged(ledger, 30);
            cluster.kill("analytics");
            Api.Response away = reader.get(range);
            assertThat(away.status()).as("%s", away).isEqualTo(503);
            assertThat(away.error().path("code").asText()).isEqualTo("service_unavailable");
            awaitMoreAcknowledged(ledger, 30);
        }
        long restarted = System.nanoTime();
        cluster.startWhatIsDown();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lag("voicepartner-analytics") == 0);
        caughtUp = System.nanoTime() - restarted;
        assertThat(reader.get(range).status()).isEqualTo(200);
        settleAndReport(
                "14-cluster-analytics-sigkill",
                ledger,
                "analytics answered 503 while away; restarted and its group's lag 0 in " + ms(caughtUp));
    }

    @Test
    @Order(7)
    void oneBrokerOfThreeIsKilledAndWritesGoOn() throws Exception {
        int leader = kafka.describeTopics(List.of(ASSISTANTS))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(ASSISTANTS)
                .partitions()
                .get(0)
                .leader()
                .id();
        String broker = "kafka-" + leader;
        Ledger ledger = new Ledger();
        long newLeader;
        try (Writers writers = new Writers(cluster.gateway(), ledger, 3)) {
            awaitMoreAcknowledged(ledger, 30);
            long killed = System.nanoTime();
            cluster.kill(broker);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions()
                    .until(() -> {
                        TopicPartitionInfo partition = kafka.describeTopics(List.of(ASSISTANTS))
                                .allTopicNames()
                                .get(5, TimeUnit.SECONDS)
                                .get(ASSISTANTS)
                                .partitions()
                                .get(0);
                        return partition.leader() != null && partition.leader().id() != leader;
                    });
            newLeader = System.nanoTime() - killed;
            awaitMoreAcknowledged(ledger, 40);
        }
        long restarted = System.nanoTime();
        cluster.startWhatIsDown();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> kafka
                        .describeTopics(List.of(ASSISTANTS))
                        .allTopicNames()
                        .get(5, TimeUnit.SECONDS)
                        .get(ASSISTANTS)
                        .partitions()
                        .stream()
                        .allMatch(partition -> partition.isr().size() == 3));
        long inSync = System.nanoTime() - restarted;
        settleAndReport(
                "15-cluster-broker-sigkill",
                ledger,
                "%s (leader of %s-0) killed: new leader in %s; back in every ISR %s after its restart"
                        .formatted(broker, ASSISTANTS, ms(newLeader), ms(inSync)));
    }

    @Test
    @Order(8)
    void thePublishingNodePausedPastItsClaimTimeoutGivesWayAndResumesWithoutDuplicates() throws Exception {
        String publishing = awaitClaimant();
        String other = otherCommandNode(publishing);
        Ledger ledger = new Ledger();
        long takeover;
        long paused;
        try (Writers writers = new Writers(cluster.gateway(), ledger, 3)) {
            awaitMoreAcknowledged(ledger, 30);
            long stopped = System.nanoTime();
            cluster.signal(publishing, "STOP");
            try {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> cluster.claimant(PUBLISHER)
                                .filter(other::equals)
                                .isPresent());
                takeover = System.nanoTime() - stopped;
                // a little longer, so that writes stored by the other node are published while this one sleeps
                await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
            } finally {
                cluster.signal(publishing, "CONT");
            }
            paused = System.nanoTime() - stopped;
            awaitMoreAcknowledged(ledger, 30);
            assertThat(cluster.claimant(PUBLISHER))
                    .as("the resumed node does not take the claim back")
                    .contains(other);
        }
        settleAndReport(
                "16-cluster-command-node-sigstop",
                ledger,
                "%s paused %s; the claim passed to %s in %s".formatted(publishing, ms(paused), other, ms(takeover)));
    }

    private static void settleAndReport(String scenario, Ledger ledger, String takeover) {
        Ledger.Counts counts =
                ledger.settle(scenario, cluster.database(), cluster.bootstrapServers(), Duration.ofMinutes(3));
        report(
                scenario,
                "%s; %s; answers without acknowledgement by status %s; 5xx for %s"
                        .formatted(
                                counts,
                                takeover,
                                ledger.refusals(),
                                ms(ledger.serverErrorWindow().toNanos())));
        assertThat(counts.acknowledged()).isGreaterThanOrEqualTo(60);
        assertThat(counts.lost()).isZero();
        assertThat(counts.duplicated()).isZero();
        assertThat(ledger.serverErrorWindow()).isLessThanOrEqualTo(SERVER_ERROR_BOUND);
        assertThat(ledger.refusals())
                .as("a fault is a 503 the client may retry, never a 500")
                .doesNotContainKey(500);
    }

    private static String awaitClaimant() {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> cluster.claimant(PUBLISHER).isPresent());
        return cluster.claimant(PUBLISHER).orElseThrow();
    }

    private static String otherCommandNode(String node) {
        return LocalCluster.COMMAND_NODES.stream()
                .filter(other -> !other.equals(node))
                .findFirst()
                .orElseThrow();
    }

    private static ConsumerGroupDescription describe(String group) throws Exception {
        return kafka.describeConsumerGroups(List.of(group))
                .describedGroups()
                .get(group)
                .get(10, TimeUnit.SECONDS);
    }

    private static int members(String group) throws Exception {
        return describe(group).members().size();
    }

    /** Records on the platform's topics that {@code group} has not committed yet. */
    private static long lag(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Collection<TopicPartition> partitions = committed.keySet();
        Map<TopicPartition, OffsetSpec> latest =
                partitions.stream().collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
        long lag = 0;
        for (var end : kafka.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata position = committed.get(end.getKey());
            lag += end.getValue().offset() - (position == null ? 0 : position.offset());
        }
        return lag;
    }

    private static List<Long> sequenceNumbers(String aggregate) throws SQLException {
        TestInfrastructure.Database database = cluster.database();
        List<Long> sequence = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                PreparedStatement statement = connection.prepareStatement("SELECT sequence_number FROM "
                        + "command.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            statement.setString(1, aggregate);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    sequence.add(rows.getLong(1));
                }
            }
        }
        return sequence;
    }

    private static String ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis() + " ms";
    }

    /** Printed and written beside the ledger's counts, for RELIABILITY.md. */
    private static void report(String scenario, String line) {
        System.out.println("RELIABILITY " + scenario + ": " + line);
        try {
            Path directory = Path.of("target", "reliability");
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(scenario + "-takeover.txt"), line + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
