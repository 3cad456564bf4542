package io.voicepartner.bench;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The two ways load is applied. Closed loop: a fixed number of clients, each sending its next request when
 * the last one answered (throughput at a concurrency). Open loop: requests sent at fixed times whatever the
 * answers do, latency counted from the time a request was due, so that queueing is not hidden
 * (no coordinated omission). The first {@code warmUp} of every phase is not counted.
 */
final class Load {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    private final Api api;
    private final Cpu cpu;
    private final Duration warmUp;
    private final Duration measure;

    Load(Api api, Cpu cpu, Duration warmUp, Duration measure) {
        this.api = api;
        this.cpu = cpu;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    /** @param request the next request of client {@code c} */
    Result closed(String name, int clients, IntFunction<HttpRequest> request) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(
                    () -> {
                        try {
                            while (System.nanoTime() < end) {
                                HttpRequest next = request.apply(client);
                                long sent = System.nanoTime();
                                Api.Response response = api.send(next);
                                long answered = System.nanoTime();
                                if (sent >= measureFrom && answered <= end) {
                                    count(response, latency, (answered - sent) / 1000, completed, accepted, errors);
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    name + "-" + c);
            thread.start();
        }
        Cpu.Sample before = sampleAt(measureFrom);
        done.await();
        Cpu.Sample used = cpu.sample().minus(before);
        return new Result(
                name,
                clients,
                Double.NaN,
                completed.get() / (double) measure.toSeconds(),
                latency,
                null,
                accepted.get(),
                errors.get(),
                Machine.loadAverage(),
                used,
                completed.get());
    }

    /**
     * @param write whether the requests are writes: then the lag from the event's {@code updated_at} (stamped
     *              when the command side appended it) to the answer (sent once the read model shows it) is timed
     */
    Result open(String name, double rate, Supplier<HttpRequest> request, boolean write) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        Histogram lag = write ? new ConcurrentHistogram(HIGHEST_MICROS, 3) : null;
        AtomicLong completed = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        List<java.util.concurrent.CompletableFuture<?>> inFlight = new ArrayList<>();
        Cpu.Sample before = null;
        for (long due = start; due < end; due += period) {
            if (before == null && due >= measureFrom) {
                before = cpu.sample();
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long intended = due;
            inFlight.add(api.sendAsync(request.get()).whenComplete((response, failure) -> {
                long answered = System.nanoTime();
                long answeredAtMillis = System.currentTimeMillis();
                if (intended < measureFrom) {
                    return;
                }
                if (failure != null) {
                    errors.incrementAndGet();
                    return;
                }
                count(response, latency, (answered - intended) / 1000, completed, accepted, errors);
                if (lag != null && response.ok()) {
                    String updatedAt =
                            response.json().path("data").path("updated_at").asText();
                    lag.recordValue(Math.max(
                                    0,
                                    answeredAtMillis - Instant.parse(updatedAt).toEpochMilli())
                            * 1000);
                }
            }));
            inFlight.removeIf(java.util.concurrent.CompletableFuture::isDone);
        }
        for (var pending : inFlight) {
            try {
                pending.get(60, TimeUnit.SECONDS);
            } catch (Exception failedOrLate) {
                errors.incrementAndGet();
            }
        }
        Cpu.Sample used = before == null ? null : cpu.sample().minus(before);
        return new Result(
                name,
                0,
                rate,
                completed.get() / (double) measure.toSeconds(),
                latency,
                lag,
                accepted.get(),
                errors.get(),
                Machine.loadAverage(),
                used,
                completed.get());
    }

    /** Binds one statement's parameters: the next request's, as {@link #open}'s supplier makes the next request. */
    interface Binding {
        void bind(PreparedStatement statement) throws java.sql.SQLException;
    }

    /**
     * Open loop over plain JDBC, the floor under a read the platform serves: {@code query} at {@code rate} a second,
     * each due at a fixed time and run on the first of {@code connections} connections free (a wait for one counts),
     * every row and column read as the platform would; latency from when it was due.
     */
    Result openJdbc(String name, double rate, String jdbcUrl, int connections, String query, Binding binding)
            throws Exception {
        List<Connection> opened = connect(jdbcUrl, connections);
        java.util.concurrent.BlockingQueue<PreparedStatement> free = new java.util.concurrent.LinkedBlockingQueue<>();
        for (Connection connection : opened) {
            free.add(connection.prepareStatement(query));
        }
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(opened.size());
        Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        Cpu.Sample before = null;
        Cpu.Sample used = null;
        try {
            for (long due = start; due < end; due += period) {
                if (before == null && due >= measureFrom) {
                    before = cpu.sample();
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long intended = due;
                workers.execute(() -> {
                    PreparedStatement statement = free.poll();
                    try {
                        binding.bind(statement);
                        try (java.sql.ResultSet rows = statement.executeQuery()) {
                            int columns = rows.getMetaData().getColumnCount();
                            while (rows.next()) {
                                for (int column = 1; column <= columns; column++) {
                                    rows.getString(column);
                                }
                            }
                        }
                        if (intended >= measureFrom) {
                            latency.recordValue(Math.min((System.nanoTime() - intended) / 1000, HIGHEST_MICROS));
                            completed.incrementAndGet();
                        }
                    } catch (java.sql.SQLException e) {
                        errors.incrementAndGet();
                    } finally {
                        free.add(statement);
                    }
                });
            }
            workers.shutdown();
            workers.awaitTermination(60, TimeUnit.SECONDS);
            // before the connections close, whose backends take their CPU time with them
            used = before == null ? null : cpu.sample().minus(before);
        } finally {
            workers.shutdownNow();
            for (Connection connection : opened) {
                connection.close();
            }
        }
        return new Result(
                name,
                0,
                rate,
                completed.get() / (double) measure.toSeconds(),
                latency,
                null,
                0,
                errors.get(),
                Machine.loadAverage(),
                used,
                completed.get());
    }

    private Cpu.Sample sampleAt(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        return cpu.sample();
    }

    private static void count(
            Api.Response response,
            Histogram latency,
            long micros,
            AtomicLong completed,
            AtomicLong accepted,
            AtomicLong errors) {
        if (response.ok()) {
            latency.recordValue(Math.min(micros, HIGHEST_MICROS));
            completed.incrementAndGet();
        } else if (response.status() == 202) {
            // stored, but the read model did not show it within the bound: counted, and timed, apart
            latency.recordValue(Math.min(micros, HIGHEST_MICROS));
            completed.incrementAndGet();
            accepted.incrementAndGet();
        } else {
            errors.incrementAndGet();
        }
    }

    /**
     * PostgreSQL's own limit for one durable commit per command: single-row inserts of an event-sized row,
     * each in its own transaction (synchronous_commit on), by {@code clients} connections.
     */
    Result baseline(String jdbcUrl, int clients) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS public.bench_baseline (id bigserial PRIMARY KEY, "
                            + "aggregate_id text NOT NULL, payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
        }
        List<Connection> connections = connect(jdbcUrl, clients);
        Histogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong completed = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measure.toNanos();
        byte[] payload = new byte[600];
        ThreadLocalRandom.current().nextBytes(payload);
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (Connection connection : connections) {
            Thread thread = new Thread(
                    () -> {
                        try (connection;
                                PreparedStatement insert = connection.prepareStatement(
                                        "INSERT INTO public.bench_baseline (aggregate_id, payload) VALUES (?, ?)")) {
                            connection.setAutoCommit(true);
                            while (System.nanoTime() < end) {
                                insert.setString(1, java.util.UUID.randomUUID().toString());
                                insert.setBytes(2, payload);
                                long sent = System.nanoTime();
                                insert.executeUpdate();
                                long answered = System.nanoTime();
                                if (sent >= measureFrom && answered <= end) {
                                    latency.recordValue((answered - sent) / 1000);
                                    completed.incrementAndGet();
                                }
                            }
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    },
                    "baseline-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        Cpu.Sample before = sampleAt(measureFrom);
        // before the clients close their connections, whose backends take their CPU time with them
        Cpu.Sample used = sampleAt(end).minus(before);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return new Result(
                "PostgreSQL insert",
                connections.size(),
                Double.NaN,
                completed.get() / (double) measure.toSeconds(),
                latency,
                null,
                0,
                0,
                Machine.loadAverage(),
                used,
                completed.get());
    }

    /**
     * Opens up to {@code clients} connections before the clock starts. A server shared with other work may
     * refuse some (max_connections): the baseline then runs with those it got, and says how many.
     */
    private static List<Connection> connect(String jdbcUrl, int clients) throws Exception {
        List<Connection> connections = new ArrayList<>();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (connections.size() < clients) {
            try {
                connections.add(DriverManager.getConnection(jdbcUrl, "postgres", ""));
            } catch (java.sql.SQLException e) {
                if (!"53300".equals(e.getSQLState()) || System.nanoTime() > giveUp) {
                    if (connections.isEmpty()) {
                        throw e;
                    }
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        return connections;
    }

    static String readFile(Path path) {
        try {
            return Files.readString(path).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
