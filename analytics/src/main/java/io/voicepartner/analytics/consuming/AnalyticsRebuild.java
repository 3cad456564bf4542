package io.voicepartner.analytics.consuming;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the analytics from the topics: stops the listener, drops and recreates the analytics tables,
 * forgets the consumer group's offsets (so that it reads every topic from the start again) and starts the
 * listener. Figures are the same afterwards because every fact is keyed by its event id. Runs on start when
 * {@code ANALYTICS_REBUILD=true}. Only as complete as the topics' retention: the event store, not Kafka,
 * keeps everything.
 */
@Component
public class AnalyticsRebuild implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AnalyticsRebuild.class);
    /** How long the stopped consumers may take to leave the group before its offsets can be deleted. */
    private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaListenerEndpointRegistry listeners;
    private final KafkaAdmin kafka;
    private final DataSource dataSource;
    private final String consumerGroup;
    private final boolean onStart;

    AnalyticsRebuild(
            KafkaListenerEndpointRegistry listeners,
            KafkaAdmin kafka,
            DataSource dataSource,
            @Value("${voicepartner.analytics.consumer-group}") String consumerGroup,
            @Value("${voicepartner.analytics.rebuild-on-start}") boolean onStart) {
        this.listeners = listeners;
        this.kafka = kafka;
        this.dataSource = dataSource;
        this.consumerGroup = consumerGroup;
        this.onStart = onStart;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (onStart) {
            rebuild();
        }
    }

    public synchronized void rebuild() throws InterruptedException {
        MessageListenerContainer container = listeners.getListenerContainer(AnalyticsConsumer.LISTENER_ID);
        if (container == null) {
            throw new IllegalStateException("No analytics listener to rebuild with");
        }
        container.stop();
        AnalyticsSchema.recreate(dataSource);
        forgetOffsets();
        container.start();
        log.info("Analytics tables dropped; consumer group {} reads every topic again from the start", consumerGroup);
    }

    private void forgetOffsets() throws InterruptedException {
        Instant deadline = Instant.now().plus(LEAVE_TIMEOUT);
        try (Admin admin = Admin.create(kafka.getConfigurationProperties())) {
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(consumerGroup)).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return;
                    }
                    if (!(e.getCause() instanceof GroupNotEmptyException)
                            || Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("Could not reset consumer group " + consumerGroup, e);
                    }
                    // the stopped consumers have not left the group yet
                    TimeUnit.MILLISECONDS.sleep(200);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("Kafka did not answer while resetting " + consumerGroup, e);
                }
            }
        }
    }
}
