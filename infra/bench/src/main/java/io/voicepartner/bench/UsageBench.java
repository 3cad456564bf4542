package io.voicepartner.bench;

import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code infra/bench/run --usage}: what reported usage costs (issue 16). Ingestion: reporters each sending
 * batches of 500 executions of their own tool, against PostgreSQL's single-row insert rate at as many
 * connections, in the same run. Then a tool is given a large number of executions, and a {@code PATCH} of
 * it, and a publish of an assistant that uses it, are timed against the same on a tool that has none: usage
 * must not make editing slower.
 */
final class UsageBench {

    static final int BATCH = 500;

    private final Settings settings;
    private final Api api;
    private final Load load;
    private final PrintStream out;
    private final AtomicLong executions = new AtomicLong();

    /** One user's tool and an assistant that uses it, and how many executions of it were sent. */
    record Subject(String token, String toolId, String assistantId, AtomicLong sent) {}

    UsageBench(Settings settings, Api api, Load load, PrintStream out) {
        this.settings = settings;
        this.api = api;
        this.load = load;
        this.out = out;
    }

    void run(DataSet data) throws Exception {
        List<Subject> reporters = new ArrayList<>();
        for (int r = 0; r < settings.reporters(); r++) {
            reporters.add(subject(data, r));
        }
        Subject fresh = subject(data, settings.reporters());
        Subject heavy = subject(data, settings.reporters() + 1);

        Duration fill = fill(heavy, settings.heavyToolExecutions());
        log(String.format(
                "the heavy tool holds %,d executions: reported in %.0f s (%.0f/s), all counted by the read "
                        + "model after %.0f s more",
                settings.heavyToolExecutions(),
                fill.toMillis() / 1000.0,
                settings.heavyToolExecutions() / Math.max(fill.toMillis() / 1000.0, 0.001),
                drained(List.of(heavy)).toMillis() / 1000.0));

        Map<String, List<Result>> results = new LinkedHashMap<>();
        List<Double> projected = new ArrayList<>();
        for (int run = 1; run <= settings.runs(); run++) {
            log("run " + run + " of " + settings.runs());
            // the edits on a quiet platform: what a tool's usage costs its editors, not what a backlog does
            record(results, "patch fresh", load.closed("patch fresh", 1, c -> patchTool(fresh)));
            record(results, "patch heavy", load.closed("patch heavy", 1, c -> patchTool(heavy)));
            record(results, "publish fresh", load.closed("publish fresh", 1, c -> publish(fresh)));
            record(results, "publish heavy", load.closed("publish heavy", 1, c -> publish(heavy)));
            record(results, "baseline", load.baseline(settings.jdbcUrl(), reporters.size()));
            long before = reporters.stream().mapToLong(r -> r.sent().get()).sum();
            long start = System.nanoTime();
            record(results, "ingest", load.closed("ingest", reporters.size(), c -> report(reporters.get(c))));
            drained(reporters);
            double seconds = (System.nanoTime() - start) / 1e9;
            projected.add((reporters.stream().mapToLong(r -> r.sent().get()).sum() - before) / seconds);
            log(String.format(
                    "the read models counted this run's executions at %.0f/s (from the first report to the last counted)",
                    projected.get(projected.size() - 1)));
        }
        report(results, projected.stream().sorted().toList().get(projected.size() / 2));
    }

    private Subject subject(DataSet data, int n) {
        DataSet.User user = data.signUp(10_000 + n, 1);
        String tool = user.toolIds().get(0);
        Api.Response assistant = api.post(
                "/api/assistants/",
                user.token(),
                Map.of(
                        "name",
                        "Usage bench " + n,
                        "system_prompt",
                        "You book appointments.",
                        "tool_ids",
                        List.of(tool)));
        if (!assistant.ok() && assistant.status() != 202) {
            throw new IllegalStateException("assistant of the usage bench: " + assistant);
        }
        return new Subject(
                user.token(), tool, assistant.json().path("data").path("id").asText(), new AtomicLong());
    }

    /** A batch of executions as the voice runtime reports them, each with an id of its own. */
    private HttpRequest report(Subject subject) {
        List<Map<String, Object>> batch = new ArrayList<>(BATCH);
        String now = Instant.now().toString();
        for (int i = 0; i < BATCH; i++) {
            batch.add(Map.of(
                    "execution_id",
                    "bench-" + executions.incrementAndGet(),
                    "duration_ms",
                    ThreadLocalRandom.current().nextInt(20, 2_000),
                    "success",
                    true,
                    "status_code",
                    200,
                    "assistant_id",
                    subject.assistantId(),
                    "occurred_at",
                    now));
        }
        subject.sent().addAndGet(BATCH);
        return api.request(
                "POST", "/api/tools/" + subject.toolId() + "/executions", subject.token(), batch, "application/json");
    }

    private HttpRequest patchTool(Subject subject) {
        return api.request(
                "PATCH",
                "/api/tools/" + subject.toolId(),
                subject.token(),
                Map.of("description", "Edited at " + System.nanoTime()),
                "application/merge-patch+json");
    }

    /**
     * A publish of a changed configuration (an unchanged one is answered without a new version): the change is
     * made before the timed request, and not counted.
     */
    private HttpRequest publish(Subject subject) {
        Api.Response edit = api.send(api.request(
                "PATCH",
                "/api/assistants/" + subject.assistantId(),
                subject.token(),
                Map.of("description", "Edited at " + System.nanoTime()),
                "application/merge-patch+json"));
        if (!edit.ok() && edit.status() != 202) {
            throw new IllegalStateException("edit before a publish: " + edit);
        }
        return api.request(
                "POST",
                "/api/assistants/" + subject.assistantId() + "/versions",
                subject.token(),
                Map.of("note", "bench"),
                "application/json");
    }

    /** Reports {@code count} executions of the subject's tool with as many clients as there are reporters. */
    private Duration fill(Subject subject, long count) throws Exception {
        long start = System.nanoTime();
        AtomicLong batches = new AtomicLong((count + BATCH - 1) / BATCH);
        ExecutorService clients = Executors.newFixedThreadPool(settings.reporters());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < settings.reporters(); c++) {
                done.add(clients.submit(() -> {
                    while (batches.getAndDecrement() > 0) {
                        Api.Response answer = api.send(report(subject));
                        if (answer.status() >= 300) {
                            throw new IllegalStateException("report of the heavy tool: " + answer);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the read model counts every execution sent of the tools, so that the next phase runs on a quiet platform. */
    private Duration drained(List<Subject> subjects) throws InterruptedException {
        long start = System.nanoTime();
        long giveUp = start + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < giveUp) {
            boolean all = true;
            for (Subject subject : subjects) {
                Api.Response tool = api.get("/api/tools/" + subject.toolId(), subject.token());
                all &= tool.json().path("data").path("total_calls").asLong()
                        >= subject.sent().get();
            }
            if (all) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the read model did not count the reported executions within 30 minutes");
    }

    private void record(Map<String, List<Result>> results, String key, Result result) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        log(String.format(
                "%-14s c=%d %9.1f/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  load %s",
                key,
                result.clients(),
                result.throughput(),
                result.latency(50),
                result.latency(99),
                result.errors(),
                result.loadAverage()));
    }

    private void report(Map<String, List<Result>> results, double projected) {
        double inserts = median(results.get("baseline"), Result::throughput);
        double ingested = median(results.get("ingest"), Result::throughput) * BATCH;
        out.println();
        out.println("## Usage");
        out.println();
        out.printf(
                "- %d reporters, batches of %d executions, each reporter its own tool; the heavy tool holds %,d executions; "
                        + "%s; %d s warm-up + %d s measured per phase%n",
                settings.reporters(),
                BATCH,
                settings.heavyToolExecutions(),
                settings.runs() == 1 ? "1 run" : "median of " + settings.runs() + " runs",
                settings.warmUp().toSeconds(),
                settings.measure().toSeconds());
        out.println();
        out.println("| Figure | Measured | Baseline in the same run | Ratio | Target | Errors | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---|");
        out.printf(
                "| ingestion, executions/s | %.0f (batch p50 %.0f ms, p99 %.0f ms) | %.0f single-row inserts/s at %d connections | %.2f × | ≥ 1.0 × | %d | %s |%n",
                ingested,
                median(results.get("ingest"), r -> r.latency(50)),
                median(results.get("ingest"), r -> r.latency(99)),
                inserts,
                settings.reporters(),
                ingested / inserts,
                errors(results.get("ingest")),
                loads(results.get("ingest")));
        out.printf(
                "| the same executions counted by the read models, executions/s | %.0f (first report to last counted) | %.0f single-row inserts/s at %d connections | %.2f × | | | |%n",
                projected, inserts, settings.reporters(), projected / inserts);
        for (String operation : List.of("patch", "publish")) {
            List<Result> heavy = results.get(operation + " heavy");
            List<Result> fresh = results.get(operation + " fresh");
            double heavyP99 = median(heavy, r -> r.latency(99));
            double freshP99 = median(fresh, r -> r.latency(99));
            out.printf(
                    "| %s, p99 ms (p50) | %.1f (%.1f) with %,d executions | %.1f (%.1f) on a fresh tool | %.2f × | ≤ 1.5 × | %d | %s |%n",
                    operation.equals("patch") ? "`PATCH` of the tool" : "publishing an assistant that uses it",
                    heavyP99,
                    median(heavy, r -> r.latency(50)),
                    settings.heavyToolExecutions(),
                    freshP99,
                    median(fresh, r -> r.latency(50)),
                    heavyP99 / freshP99,
                    errors(heavy) + errors(fresh),
                    loads(heavy));
        }
    }

    private static long errors(List<Result> runs) {
        return runs.stream().mapToLong(Result::errors).sum();
    }

    private static double median(List<Result> runs, Function<Result, Double> metric) {
        double[] values = runs.stream()
                .map(metric)
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        return values[values.length / 2];
    }

    private static String loads(List<Result> runs) {
        return String.join(
                " / ", runs.stream().map(r -> r.loadAverage().split(" ")[0]).toList());
    }

    private void log(String message) {
        out.println(
                "[" + java.time.LocalTime.now(java.time.ZoneId.systemDefault()).withNano(0) + "] " + message);
    }
}
