package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.support.json.EnvelopeReader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds read models from the first record of their topics into shadow tables while the served tables
 * keep answering, then swaps the shadow tables in, in one transaction.
 *
 * <ol>
 * <li>Shadow tables like the served ones are created in schema {@code query_rebuild}: unlogged and with
 *     their primary keys only, because nothing reads them yet and a crash only fails the rebuild.</li>
 * <li>A consumer of its own, in no group (it moves nobody's offsets), reads the partitions from their start
 *     to their ends as they were when it began, and applies each poll through the very projectors of the
 *     live consumer ({@link ProjectionSchema}), in several transactions at once, with
 *     {@code synchronous_commit} off: the poll's records are split by their key, the aggregate's id, each
 *     part applied in order in a transaction of its own. That is safe because a projector writes only the
 *     rows of the event's aggregate, whose events all have the same key; it is worth it because a rebuild
 *     spends its time waiting for the database's answers to single statements. (Splitting by partition
 *     would not do: a poll of compressed records often holds one partition's.) The read models listed as folded
 *     ({@link ReadModel#folded}) are not written as SQL in this pass: the same projectors write them through
 *     {@link ProjectedTable} into a {@link Fold} bound to the worker, each aggregate's rows folded in memory to their
 *     final state, then copied into the shadow tables with {@code COPY}, one statement per table (ADR 0044).</li>
 * <li>The shadow tables get their indexes and are logged; the consumer catches up with what came meanwhile, as SQL
 *     through the projectors.</li>
 * <li>The swap transaction locks the served tables ({@code ACCESS EXCLUSIVE}), which pauses the live
 *     consumer at its next event for them and holds reads for the moment the swap takes (they then read the
 *     new tables), and catches up to the partitions' ends again. A weaker lock that let reads go on would
 *     deadlock with the live consumer, which reads a table (the revision it holds) before it writes it: the
 *     drop below would wait for that read's lock while the consumer's write waits for the swap's.
 *     Every event the live consumer has committed was on its topic before the lock, so the shadow now holds
 *     it; what the live consumer applies after the swap lands in the new tables, and an event both apply is
 *     skipped by its revision. Then the served tables are dropped, the shadow ones moved into {@code query},
 *     and the commit hands them to readers and to the live consumer at once.</li>
 * </ol>
 * Whatever fails before that commit (a cancellation, a lock not granted in time, the database away) drops the
 * shadow tables and leaves the served ones as they were. A record that cannot be applied (unreadable, refused by
 * a read model) does not fail the rebuild for everyone: it is set aside, every later record of its aggregate
 * with it (so that none is applied over the hole), and the rebuild reports them all ({@link Result#parked}),
 * as the live consumer parks them on its dead-letter topics (ADR 0020). A part of a poll that fails is applied
 * again one record at a time, each behind a savepoint, so the good records of that part still count.
 */
@Component
class ReadModelRebuild {

    /** Told the progress after every poll; answers whether to go on. */
    interface Progress {

        boolean report(long done, long total);
    }

    /**
     * What a rebuild did: how many events the new tables were built from, and the records it set aside, each
     * as where it was, what it was and why ({@code voicepartner.tools-2@17: ToolUpdated revision 3 of … : …}).
     */
    record Result(long events, List<String> parked) {}

    /** The rebuild was cancelled through its {@link Progress}; nothing was swapped. */
    static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled");
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);
    /** How long the swap may wait for readers and the live consumer to let go of the served tables. */
    private static final String LOCK_TIMEOUT = "10s";
    /** How often the swap tries to take its lock when it loses a deadlock. */
    private static final int SWAP_ATTEMPTS = 5;

    /** What {@link #foldRows} reckons a folded row costs on the heap, to derive it from the heap's size. */
    private static final long ROW_BYTES = 2048;

    /** A fold of no table: every projector writes to SQL, as during the catch-ups after the first pass. */
    private static final Fold NO_FOLD = new Fold(List.of());

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    private final ConsumerFactory<?, ?> consumers;
    private final EnvelopeReader reader;
    private final List<Projector> projectors;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final int parallelism;
    private final boolean fold;
    private final long foldRows;

    ReadModelRebuild(
            ConsumerFactory<?, ?> consumers,
            EnvelopeReader reader,
            List<Projector> projectors,
            JdbcClient jdbc,
            DataSource dataSource,
            TransactionTemplate transaction,
            @Value("${voicepartner.rebuild.batch-size:5000}") int batchSize,
            @Value("${voicepartner.rebuild.parallelism:4}") int parallelism,
            @Value("${voicepartner.rebuild.fold:true}") boolean fold,
            @Value("${voicepartner.rebuild.fold-rows:0}") long foldRows) {
        this.consumers = consumers;
        this.reader = reader;
        this.projectors = projectors;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.batchSize = batchSize;
        this.parallelism = parallelism;
        this.fold = fold;
        // a row of the read models in memory, with its map and strings, is some hundreds of bytes to a few kilobytes
        // (the history's states): the default keeps the fold to about a third of the heap
        this.foldRows = foldRows > 0 ? foldRows : Runtime.getRuntime().maxMemory() / 3 / ROW_BYTES;
    }

    /**
     * Rebuilds and swaps in the read models, or throws and leaves the served tables untouched.
     *
     * @throws Cancelled when {@code progress} said to stop
     */
    Result run(Set<ReadModel> models, Progress progress) {
        List<String> tables =
                models.stream().flatMap(model -> model.tables().stream()).toList();
        Map<String, List<Projector>> projectorsByType = projectors.stream()
                .filter(projector -> models.contains(projector.readModel()))
                .collect(Collectors.groupingBy(
                        projector -> projector.aggregateType().wireName()));
        Result result;
        ExecutorService workers = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread worker = new Thread(runnable, "read-model-rebuild-worker");
            worker.setDaemon(true);
            return worker;
        });
        try (Consumer<String, byte[]> consumer = consumer()) {
            Map<String, List<String>> indexes = createShadow(tables);
            Fold fold = this.fold
                    ? new Fold(models.stream()
                            .filter(ReadModel::folded)
                            .flatMap(model -> model.tables().stream())
                            .toList())
                    : NO_FOLD;
            Replay replay = new Replay(consumer, models, projectorsByType, progress, workers);
            replay.catchUp(null, fold);
            copyIn(fold, workers);
            finishShadow(indexes, workers);
            replay.catchUp(null, NO_FOLD);
            swapWhenLocked(replay, tables);
            result = new Result(replay.done(), replay.parked());
        } catch (RuntimeException e) {
            dropShadow(e);
            throw e;
        } finally {
            workers.shutdownNow();
        }
        dropShadow(null);
        return result;
    }

    @SuppressWarnings("unchecked")
    private Consumer<String, byte[]> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(batchSize));
        return (Consumer<String, byte[]>) consumers.createConsumer(null, "read-model-rebuild", null, overrides);
    }

    /**
     * Shadow tables with the served tables' columns, defaults and keys. Their other indexes are answered, by table,
     * to be made once the tables are full: one sort each instead of one update per row.
     */
    private Map<String, List<String>> createShadow(List<String> tables) {
        jdbc.sql("DROP SCHEMA IF EXISTS " + ProjectionSchema.SHADOW + " CASCADE")
                .update();
        jdbc.sql("CREATE SCHEMA " + ProjectionSchema.SHADOW).update();
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        for (String table : tables) {
            String served = ProjectionSchema.SERVED + "." + table;
            String shadow = ProjectionSchema.SHADOW + "." + table;
            jdbc.sql("CREATE UNLOGGED TABLE " + shadow + " (LIKE " + served + " INCLUDING ALL EXCLUDING INDEXES)")
                    .update();
            jdbc.sql("SELECT 'ALTER TABLE " + shadow + " ADD CONSTRAINT ' || quote_ident(conname) || ' ' "
                            + "|| pg_get_constraintdef(oid) FROM pg_constraint "
                            + "WHERE conrelid = CAST(? AS regclass) AND contype IN ('p', 'u', 'x')")
                    .param(served)
                    .query(String.class)
                    .list()
                    .forEach(constraint -> jdbc.sql(constraint).update());
            jdbc.sql("SELECT indexdef FROM pg_indexes i WHERE schemaname = ? AND tablename = ? AND NOT EXISTS "
                            + "(SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                            + "CAST(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname) AS regclass))")
                    .params(ProjectionSchema.SERVED, table)
                    .query(String.class)
                    .list()
                    .forEach(index -> indexes.computeIfAbsent(table, unused -> new ArrayList<>())
                            .add(index.replace(" ON " + served + " ", " ON " + shadow + " ")));
            indexes.putIfAbsent(table, new ArrayList<>());
        }
        return indexes;
    }

    /** The folded rows into their (still empty, unindexed) shadow tables, one {@code COPY} per table at once. */
    private void copyIn(Fold fold, ExecutorService workers) {
        long rows = awaitAll(
                        fold.copyInto(dataSource, ProjectionSchema.SHADOW).stream()
                                .map(workers::submit)
                                .toList(),
                        "COPY into the shadow tables")
                .stream()
                .mapToLong(Long::longValue)
                .sum();
        log.info("Rebuild: {} folded rows copied into the shadow tables", rows);
    }

    /**
     * Each table made logged, then given its other indexes, then analysed, the tables at once. Logged first: setting a
     * table logged rewrites it with every index it has, so an index made before would be built twice.
     */
    private void finishShadow(Map<String, List<String>> indexesByTable, ExecutorService workers) {
        List<Future<String>> finished = new ArrayList<>();
        indexesByTable.forEach((table, indexes) -> finished.add(workers.submit(() -> {
            String shadow = ProjectionSchema.SHADOW + "." + table;
            jdbc.sql("ALTER TABLE " + shadow + " SET LOGGED").update();
            indexes.forEach(index -> jdbc.sql(index).update());
            jdbc.sql("ANALYZE " + shadow).update();
            return table;
        })));
        awaitAll(finished, "Finishing the shadow tables");
    }

    /** The tasks' results, once all have ended; the first failure is thrown. */
    private static <T> List<T> awaitAll(List<Future<T>> tasks, String what) {
        List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<T> task : tasks) {
            try {
                results.add(task.get());
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException cause
                            ? cause
                            : new IllegalStateException(what + " failed", e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /**
     * The lock takes the tables one after another, so a reader or the live consumer holding a later one
     * while it waits for an earlier one is a deadlock, which PostgreSQL ends by failing one side. When the
     * swap is that side, it has done nothing yet but wait, and it tries again in a new transaction.
     */
    private void swapWhenLocked(Replay replay, List<String> tables) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> swap(replay, tables, status));
                return;
            } catch (LockDeadlocked e) {
                if (attempt == SWAP_ATTEMPTS) {
                    throw e.deadlock;
                }
                log.info("The swap's lock met a deadlock (attempt {} of {}), trying again", attempt, SWAP_ATTEMPTS);
            }
        }
    }

    /** The swap lost a deadlock while taking its lock: before it changed anything. */
    private static final class LockDeadlocked extends RuntimeException {
        private final PessimisticLockingFailureException deadlock;

        LockDeadlocked(PessimisticLockingFailureException deadlock) {
            super(deadlock.getMessage(), deadlock, false, false);
            this.deadlock = deadlock;
        }
    }

    /** Inside the swap transaction; see the class comment for why nothing is missed or applied twice. */
    private void swap(Replay replay, List<String> tables, TransactionStatus status) {
        jdbc.sql("SELECT set_config('lock_timeout', ?, true)")
                .param(LOCK_TIMEOUT)
                .query()
                .singleRow();
        try {
            jdbc.sql("LOCK TABLE "
                            + tables.stream()
                                    .map(table -> ProjectionSchema.SERVED + "." + table)
                                    .collect(Collectors.joining(", "))
                            + " IN ACCESS EXCLUSIVE MODE")
                    .update();
        } catch (CannotAcquireLockException timedOut) {
            // a reader that holds on past lock_timeout is waited for no longer: the rebuild fails
            throw timedOut;
        } catch (PessimisticLockingFailureException deadlock) {
            // PostgreSQL's "deadlock detected" (40P01), whichever translator names it
            throw new LockDeadlocked(deadlock);
        }
        replay.catchUp(status, NO_FOLD);
        for (String table : tables) {
            jdbc.sql("DROP TABLE " + ProjectionSchema.SERVED + "." + table).update();
            jdbc.sql("ALTER TABLE " + ProjectionSchema.SHADOW + "." + table + " SET SCHEMA " + ProjectionSchema.SERVED)
                    .update();
        }
    }

    private void dropShadow(RuntimeException failure) {
        try {
            jdbc.sql("DROP SCHEMA IF EXISTS " + ProjectionSchema.SHADOW + " CASCADE")
                    .update();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** The rebuild's reading of its topics: where it is, and how it applies what it reads. */
    private final class Replay {

        private final Consumer<String, byte[]> consumer;
        private final Map<String, List<Projector>> projectorsByType;
        private final Progress progress;
        private final ExecutorService workers;
        private final List<TopicPartition> partitions;
        /** Aggregates with a record set aside: their later records are set aside behind it. */
        private final Set<String> parkedAggregates = ConcurrentHashMap.newKeySet();

        private final List<String> parked = Collections.synchronizedList(new ArrayList<>());
        private final Map<TopicPartition, Long> beginnings;
        private Map<TopicPartition, Long> ends;

        Replay(
                Consumer<String, byte[]> consumer,
                Set<ReadModel> models,
                Map<String, List<Projector>> projectorsByType,
                Progress progress,
                ExecutorService workers) {
            this.consumer = consumer;
            this.projectorsByType = projectorsByType;
            this.progress = progress;
            this.workers = workers;
            this.partitions = models.stream()
                    .flatMap(model -> model.aggregateTypes().stream())
                    .distinct()
                    .flatMap(type -> consumer.partitionsFor(type.topic()).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            this.beginnings = consumer.beginningOffsets(partitions);
        }

        /**
         * Applies every record up to the partitions' ends as they are now.
         *
         * @param callers the caller's transaction, to apply in one record after the other; {@code null} for
         *                several transactions at once per poll (without a durable commit)
         * @param folding where the writes to the tables it holds go instead of SQL: once it holds more than
         *                {@code voicepartner.rebuild.fold-rows} rows, they are copied into the shadow tables and the
         *                rest is applied as SQL, which goes on from exactly the rows the fold had reached
         */
        void catchUp(TransactionStatus callers, Fold folding) {
            Fold fold = folding;
            ends = consumer.endOffsets(partitions);
            report();
            while (!caughtUp()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (callers == null) {
                    applyInParallel(records, fold);
                } else {
                    applyEach(records, callers, fold);
                }
                if (fold.rows() > foldRows) {
                    log.info(
                            "Rebuild: the fold holds {} rows, more than {}: copying them in, the rest event by event",
                            fold.rows(),
                            foldRows);
                    copyIn(fold, workers);
                    fold.clear();
                    fold = NO_FOLD;
                }
                report();
            }
        }

        List<String> parked() {
            return List.copyOf(parked);
        }

        private void applyInParallel(ConsumerRecords<String, byte[]> records, Fold fold) {
            Map<Integer, List<ConsumerRecord<String, byte[]>>> parts = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                parts.computeIfAbsent(
                                Math.floorMod(Objects.hashCode(record.key()), parallelism), part -> new ArrayList<>())
                        .add(record);
            }
            awaitAll(
                    parts.values().stream()
                            .map(part -> workers.submit(() -> {
                                applyPart(part, fold);
                                return part.size();
                            }))
                            .toList(),
                    "Applying a poll");
        }

        /**
         * The part in one transaction; if that fails, again one record at a time so that only the bad ones are set
         * aside. The fold's writes of a failed attempt are undone with its transaction.
         */
        private void applyPart(List<ConsumerRecord<String, byte[]>> part, Fold fold) {
            int mark = fold.mark();
            try {
                fold.bind(() -> transaction.executeWithoutResult(status -> {
                    jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                            .query()
                            .singleRow();
                    part.forEach(record -> apply(record, fold));
                }));
            } catch (NotApplicable | DataIntegrityViolationException e) {
                fold.undoTo(mark);
                fold.bind(() -> transaction.executeWithoutResult(status -> {
                    jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                            .query()
                            .singleRow();
                    applyEach(part, status, fold);
                }));
            } catch (RuntimeException e) {
                fold.undoTo(mark);
                throw e;
            }
            fold.keep();
        }

        /** Each record behind a savepoint: one that cannot be applied is set aside, and its aggregate's later ones. */
        private void applyEach(Iterable<ConsumerRecord<String, byte[]>> records, TransactionStatus status, Fold fold) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (parkedAggregates.contains(String.valueOf(record.key()))) {
                    parked.add(where(record) + ": waiting behind an earlier record of " + record.key()
                            + " that was set aside");
                    continue;
                }
                Object savepoint = status.createSavepoint();
                int mark = fold.mark();
                try {
                    apply(record, fold);
                    status.releaseSavepoint(savepoint);
                } catch (NotApplicable | DataIntegrityViolationException e) {
                    status.rollbackToSavepoint(savepoint);
                    fold.undoTo(mark);
                    parkedAggregates.add(String.valueOf(record.key()));
                    parked.add(
                            e instanceof DataIntegrityViolationException refused
                                    ? where(record) + ": refused by a read model: "
                                            + refused.getMostSpecificCause().getMessage()
                                    : e.getMessage());
                    log.warn("Rebuild: set aside {}", parked.get(parked.size() - 1));
                }
            }
        }

        long done() {
            return partitions.stream()
                    .mapToLong(partition -> consumer.position(partition) - beginnings.get(partition))
                    .sum();
        }

        private long total() {
            return partitions.stream()
                    .mapToLong(partition -> ends.get(partition) - beginnings.get(partition))
                    .sum();
        }

        private boolean caughtUp() {
            return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
        }

        private void report() {
            if (!progress.report(done(), total())) {
                throw new Cancelled();
            }
        }

        private void apply(ConsumerRecord<String, byte[]> record, Fold fold) {
            Optional<EventEnvelope> envelope;
            try {
                envelope = reader.read(record.value());
            } catch (IOException | RuntimeException e) {
                throw new NotApplicable(where(record) + ": unreadable: " + e.getMessage(), e);
            }
            envelope.ifPresent(event -> apply(record, event, fold));
        }

        private void apply(ConsumerRecord<String, byte[]> record, EventEnvelope envelope, Fold fold) {
            List<Projector> applying = projectorsByType.getOrDefault(envelope.aggregateType(), List.of());
            // a statement less per event when only folded read models take it: their writes touch no table
            if (!applying.stream().allMatch(projector -> fold.holds(projector.readModel()))) {
                ProjectionSchema.writeTo(jdbc, ProjectionSchema.SHADOW);
            }
            try {
                applying.forEach(projector -> projector.apply(envelope));
            } catch (ProjectionGapException | IllegalArgumentException | ClassCastException e) {
                throw new NotApplicable(
                        where(record) + ": cannot apply " + envelope.type() + " revision " + envelope.revision()
                                + " of " + envelope.aggregateId() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /**
     * A record no retry can apply (unreadable, out of its aggregate's order, of a shape a projector refuses). A
     * read model's constraint refusing it ({@link DataIntegrityViolationException}) is the other such failure;
     * anything else (the database away) fails the rebuild.
     */
    private static final class NotApplicable extends RuntimeException {
        NotApplicable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
