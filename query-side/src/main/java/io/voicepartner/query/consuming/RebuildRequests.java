package io.voicepartner.query.consuming;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs the rebuilds requested in {@code query.rebuilds} ({@code infra/scripts/rebuild}): every query-side
 * instance looks once a second for a request, one of them claims it and runs it, and reports its progress
 * in the row at most twice a second, where the script follows it and where a cancellation reaches it. A
 * rebuild whose instance stopped reporting for a minute is marked failed, so that the next can start.
 *
 * <p>Every instance shows the latest rebuild's progress as gauges, read from the row at most once a second
 * however often they are scraped: {@code voicepartner.rebuild.done} and {@code .total} (events) and
 * {@code .rate} (events per second).
 */
@Component
class RebuildRequests implements SmartLifecycle {

    static final String DONE = "voicepartner.rebuild.done";
    static final String TOTAL = "voicepartner.rebuild.total";
    static final String RATE = "voicepartner.rebuild.rate";
    private static final Duration LOOK_EVERY = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofMillis(500);
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(RebuildRequests.class);

    private record Request(long id, String readModels) {}

    private record Latest(long done, long total, double rate) {}

    private final ReadModelRebuild rebuild;
    private final JdbcClient jdbc;
    private final String instance = ManagementFactory.getRuntimeMXBean().getName();
    private volatile boolean running;
    private Thread worker;
    private Latest latest = new Latest(0, 0, 0);
    private long latestReadAt;
    private boolean latestRead;

    RebuildRequests(ReadModelRebuild rebuild, JdbcClient jdbc, MeterRegistry meters) {
        this.rebuild = rebuild;
        this.jdbc = jdbc;
        gauge(meters, DONE, "events", "Events the latest read-model rebuild has applied", Latest::done);
        gauge(meters, TOTAL, "events", "Events the latest read-model rebuild has to apply", Latest::total);
        gauge(
                meters,
                RATE,
                "events.per.second",
                "Events the latest read-model rebuild applied per second",
                Latest::rate);
    }

    private void gauge(
            MeterRegistry meters, String name, String unit, String description, ToDoubleFunction<Latest> value) {
        Gauge.builder(name, this, requests -> value.applyAsDouble(requests.latest()))
                .baseUnit(unit)
                .description(description)
                .register(meters);
    }

    private synchronized Latest latest() {
        long now = System.nanoTime();
        if (!latestRead || now - latestReadAt >= LOOK_EVERY.toNanos()) {
            try {
                latest = jdbc.sql("SELECT events_done, events_total, events_per_second FROM query.rebuilds "
                                + "ORDER BY id DESC LIMIT 1")
                        .query((row, n) -> new Latest(row.getLong(1), row.getLong(2), row.getDouble(3)))
                        .optional()
                        .orElse(new Latest(0, 0, 0));
            } catch (DataAccessException e) {
                log.debug("Cannot read the rebuilds' progress: {}", e.getMessage());
            }
            latestReadAt = now;
            latestRead = true;
        }
        return latest;
    }

    private void work() {
        while (running) {
            try {
                claim().ifPresent(this::run);
            } catch (DataAccessException e) {
                log.warn("Cannot look for rebuild requests: {}", e.getMessage());
            }
            pause();
        }
    }

    private Optional<Request> claim() {
        jdbc.sql("UPDATE query.rebuilds SET status = 'failed', finished_at = now(), message = "
                        + "'abandoned: the query side running it stopped reporting' WHERE status = 'running' "
                        + "AND updated_at < now() - CAST(? AS interval)")
                .param(ABANDONED_AFTER.toSeconds() + " seconds")
                .update();
        return jdbc.sql("UPDATE query.rebuilds SET status = 'running', started_at = now(), updated_at = now(), "
                        + "message = ? WHERE id = (SELECT id FROM query.rebuilds WHERE status = 'requested' "
                        + "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, read_models")
                .param("running on " + instance)
                .query((row, n) -> new Request(row.getLong("id"), row.getString("read_models")))
                .optional();
    }

    private void run(Request request) {
        long started = System.nanoTime();
        long[] reportedAt = {0};
        log.info("Rebuilding {} (rebuild {})", request.readModels(), request.id());
        try {
            ReadModelRebuild.Result result = rebuild.run(
                    ReadModel.parse(Arrays.asList(request.readModels().split(","))), (done, total) -> {
                        long now = System.nanoTime();
                        if (reportedAt[0] != 0 && now - reportedAt[0] < REPORT_EVERY.toNanos()) {
                            return true;
                        }
                        reportedAt[0] = now;
                        return report(request.id(), done, total, rate(done, now - started));
                    });
            long events = result.events();
            report(request.id(), events, events, rate(events, System.nanoTime() - started));
            finish(
                    request.id(),
                    "swapped",
                    result.parked().isEmpty()
                            ? "swapped in"
                            : "swapped in; " + result.parked().size()
                                    + " record(s) set aside, as on the dead-letter topics:\n"
                                    + String.join("\n", result.parked()));
            log.info(
                    "Rebuild {} swapped in, {} record(s) set aside",
                    request.id(),
                    result.parked().size());
        } catch (ReadModelRebuild.Cancelled e) {
            finish(request.id(), "cancelled", "cancelled; the served tables are untouched");
            log.info("Rebuild {} cancelled", request.id());
        } catch (RuntimeException e) {
            finish(request.id(), "failed", e.getMessage() + "; the served tables are untouched");
            log.warn("Rebuild {} failed; the served tables are untouched", request.id(), e);
        }
    }

    private static double rate(long done, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
    }

    /** @return false if the rebuild was asked to stop */
    private boolean report(long id, long done, long total, double rate) {
        return !jdbc.sql("UPDATE query.rebuilds SET events_done = ?, events_total = ?, events_per_second = ?, "
                        + "updated_at = now() WHERE id = ? RETURNING cancel_requested")
                .params(done, total, rate, id)
                .query(Boolean.class)
                .single();
    }

    private void finish(long id, String status, String message) {
        jdbc.sql("UPDATE query.rebuilds SET status = ?, message = ?, finished_at = now(), updated_at = now() "
                        + "WHERE id = ?")
                .params(status, message, id)
                .update();
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(LOOK_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::work, "read-model-rebuilds");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
