package io.voicepartner.support.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Asks the platform's two dependencies whether they answer, each bounded by {@code voicepartner.health.timeout}. */
@Component
class DependencyChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DependencyChecks.class);

    private final JdbcTemplate jdbc;
    private final Admin kafka;
    private final Duration timeout;

    DependencyChecks(DataSource dataSource, KafkaProperties kafkaProperties,
                     @Value("${voicepartner.health.timeout:2s}") Duration timeout) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
        Map<String, Object> admin = new HashMap<>(kafkaProperties.buildAdminProperties(null));
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        // one long-lived client: opening a connection per probe would cost more than the probe
        this.kafka = Admin.create(admin);
        this.timeout = timeout;
    }

    boolean databaseReachable() {
        try {
            return Integer.valueOf(1).equals(jdbc.queryForObject("SELECT 1", Integer.class));
        } catch (RuntimeException e) {
            log.warn("Health check: the database does not answer: {}", e.getMessage());
            return false;
        }
    }

    boolean kafkaReachable() {
        try {
            return !kafka.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Health check: Kafka does not answer: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(1));
    }
}
