package io.voicepartner.command.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voicepartner.api.messaging.SchemaVersion;
import io.voicepartner.support.json.JsonConventions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The event store: Axon's JDBC storage engine over tables that Flyway owns in the {@code command}
 * schema, with payloads and metadata as {@code bytea} and every message serialized as JSON.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenStoreProperties.class)
class EventStoreConfiguration {

    /** Events read at a time, of an aggregate being loaded and of the stream a processor follows (Axon's default). */
    private static final int READ_BATCH = 100;

    /**
     * Events the store keeps in memory for the processors at the head of the stream: 2 to 10 s of writes at the rates
     * this platform takes. Axon's default, 10,000, held a whole assistant configuration for each of the last 10,000
     * edits, about a quarter of what a full collection under load had to keep (BENCHMARKS.md, the webhook tail's
     * eighth pass).
     */
    private static final int CACHED_EVENTS = 1_000;

    static final String SCHEMA = CommandSchema.NAME;
    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    FlywayMigrationInitializer commandSchemaMigration(DataSource dataSource) {
        Flyway flyway = CommandSchema.flyway().dataSource(dataSource).load();
        return new FlywayMigrationInitializer(flyway);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(SCHEMA + ".domain_event_entry")
                .snapshotTable(SCHEMA + ".snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(SCHEMA + ".token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * One JSON serializer for events, messages and tokens, in the platform's JSON dialect so
     * that a stored payload reads like the {@code data} of its Kafka record. Lenient on unknown fields
     * so that an additive change to an event never breaks reading older code's output. An event's
     * {@link SchemaVersion} above 1 is stored as its payload revision, which upcasters match on (ADR 0011);
     * everything else is stored without one, as before. Snapshots, which are aggregates' private fields rather
     * than records, have a serializer of their own ({@link SnapshotConfiguration#serializer()}).
     */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper mapper =
                JsonConventions.newObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(EventStoreConfiguration::revisionOf)
                .build();
    }

    /**
     * An event's revision is its {@link SchemaVersion}; a snapshot's, whose payload is an aggregate, is the
     * aggregate class's {@link Revision}, which {@link CurrentSnapshots} holds stored snapshots against (ADR 0018).
     */
    static String revisionOf(Class<?> payloadType) {
        Revision snapshotRevision = payloadType.getAnnotation(Revision.class);
        if (snapshotRevision != null) {
            return snapshotRevision.value();
        }
        SchemaVersion version = payloadType.getAnnotation(SchemaVersion.class);
        return version == null || version.value() == 1 ? null : Integer.toString(version.value());
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /** A duplicate (aggregate, sequence), PostgreSQL's unique_violation, is a concurrent write to one aggregate. */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * Axon's JDBC token store, with the claim timeout of Axon's own setting
     * ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s), which a token store built here would otherwise
     * leave at its default whatever the setting says.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenSchema tokenSchema,
            TokenStoreProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .contentType(byte[].class)
                .claimTimeout(properties.getClaimTimeout())
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer serializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            Configuration configuration) {
        return new DisposableSnapshotsStorageEngine(JdbcEventStorageEngine.builder()
                .eventSerializer(serializer)
                .snapshotSerializer(SnapshotConfiguration.serializer())
                .snapshotFilter(configuration
                        .snapshotFilter()
                        .combine(new CurrentSnapshots(() -> aggregateTypes(configuration))))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                // an aggregate's events have every sequence number, so a batch short of the size is its last: without
                // this, every load of an aggregate read one more, empty, batch (two reads a command, measured)
                .batchSize(READ_BATCH)
                .finalAggregateBatchPredicate(batch -> batch.size() < READ_BATCH)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }

    private static List<Class<?>> aggregateTypes(Configuration configuration) {
        return configuration.findModules(AggregateConfiguration.class).stream()
                .<Class<?>>map(AggregateConfiguration::aggregateType)
                .toList();
    }

    /**
     * Local commits wake the publisher at once; {@code fetchDelay} bounds how long it takes to notice
     * events appended by another command-side instance. The processors that follow the head of the stream read its
     * last {@value #CACHED_EVENTS} events from memory; one further behind reads the store.
     */
    @Bean
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            @Value("${voicepartner.event-store.fetch-delay:100ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(CACHED_EVENTS)
                .timeUnit(TimeUnit.MILLISECONDS)
                .build();
    }
}
