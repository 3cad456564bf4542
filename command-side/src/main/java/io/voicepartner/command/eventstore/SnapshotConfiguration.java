package io.voicepartner.command.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.voicepartner.support.json.JsonConventions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Snapshots of every aggregate, so that loading one reads at most about {@link SnapshotSettings#threshold()}
 * events however long its history is (ADR 0018). Every aggregate names {@value #TRIGGER} in its
 * {@code @Aggregate}; each carries a {@code @Revision}, which {@link CurrentSnapshots} compares.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SnapshotSettings.class)
class SnapshotConfiguration implements DisposableBean {

    static final String TRIGGER = "snapshotTrigger";

    /**
     * Aggregates waiting for their snapshot; each is queued at most once at a time (Axon's snapshotter keeps
     * the ones in progress), so this bounds the distinct aggregates, not the commands. Past it a trigger's
     * snapshot is refused and logged, and taken at the aggregate's next trigger.
     */
    private static final int QUEUE_CAPACITY = 10_000;

    /**
     * One thread beside the commands: a snapshot is taken after the command's transaction commits, and
     * the command answers without waiting for it. One is enough, a snapshot costs one aggregate load.
     */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(
            1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "snapshotter");
                thread.setDaemon(true);
                return thread;
            });

    @Bean(TRIGGER)
    SnapshotTriggerDefinition snapshotTrigger(SpringAggregateSnapshotter snapshotter, SnapshotSettings settings) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, settings.threshold());
    }

    /** Axon's Spring snapshotter as its auto-configuration would build it, but on {@link #worker}. */
    @Bean
    SpringAggregateSnapshotter snapshotter(
            Configuration configuration,
            EventStore eventStore,
            TransactionManager transactionManager,
            ParameterResolverFactory parameterResolverFactory,
            HandlerDefinition handlerDefinition,
            SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .eventStore(eventStore)
                .transactionManager(transactionManager)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(worker)
                .build();
    }

    /**
     * Snapshots are an aggregate's own fields as JSON: private fields are read and written directly (no
     * getters needed, none used), in the platform's JSON dialect and strict on unknown fields, so a snapshot
     * naming a field the class no longer has fails to read and is passed over. A set is read back in the order
     * it was written, which keeps an assistant's tools in assignment order.
     */
    static Serializer serializer() {
        ObjectMapper mapper = JsonConventions.newObjectMapper()
                .registerModule(
                        new SimpleModule("snapshot-collections").addAbstractTypeMapping(Set.class, LinkedHashSet.class))
                .setVisibility(PropertyAccessor.GETTER, Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
                .setVisibility(PropertyAccessor.SETTER, Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(EventStoreConfiguration::revisionOf)
                .build();
    }

    /** A snapshot being written when the platform stops is simply not written: the next trigger takes it. */
    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
