package io.voicepartner.support.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Asks the platform's two dependencies whether they answer, each bounded by {@code voicepartner.health.timeout}. */
@Component
class DependencyChecks implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DependencyChecks.class);

    private final JdbcTemplate jdbc;
    private final Admin kafka;
    private final Duration timeout;
    private final ExecutorService databaseChecker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-database-check");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Boolean> databaseCheck;

    DependencyChecks(
            DataSource dataSource,
            KafkaProperties kafkaProperties,
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

    /**
     * The query timeout alone does not bound the check: while the database is down the pool waits its
     * whole connection timeout (30 s) for a connection, and so would every probe. The check runs apart and
     * the probe waits for it at most {@code timeout}; one check at a time, so probes during an outage do not
     * pile up threads.
     */
    synchronized boolean databaseReachable() {
        if (databaseCheck == null || databaseCheck.isDone()) {
            databaseCheck = CompletableFuture.supplyAsync(this::selectOne, databaseChecker);
        }
        try {
            return databaseCheck.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("Health check: the database did not answer within {}", timeout);
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean selectOne() {
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
                    .nodes()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
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
        databaseChecker.shutdownNow();
        kafka.close(Duration.ofSeconds(1));
    }
}
