package io.voicepartner.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * {@code infra/bench/run --runtime}: the voice runtime's call-start lookup ({@code GET /api/runtime/phone-numbers/{e164}},
 * issue 18), open loop at a fixed rate over every number of the data set, each asked by its owner (an owner may do
 * what an admin may). Against two baselines of the same run at the same rate: the lookup's own statement over plain
 * JDBC (what the database alone costs: the floor), and {@code GET /api/phone-numbers/{id}} (the platform's plainest
 * read of the same number, through the same HTTP, security and access check: what the stack costs).
 */
final class RuntimeBench {

    /**
     * The statement the platform runs per lookup ({@code CallStartQuery}), copied: the floor is measured on the same
     * indexes and rows.
     */
    static final String STATEMENT = """
            SELECT p.phone_number_id, p.configuration AS number_configuration,
                   a.assistant_id IS NOT NULL AND NOT a.deleted AS assistant_live,
                   v.number, v.config_hash, v.published_at, v.published_by, v.configuration AS version_configuration
            FROM command.phone_number_lookup p
            LEFT JOIN command.assistant_lookup a ON a.assistant_id = p.assistant_id
            LEFT JOIN LATERAL (
                SELECT number, config_hash, published_at, published_by, configuration
                FROM command.assistant_version_lookup
                WHERE assistant_id = p.assistant_id AND (p.assistant_version IS NULL OR number = p.assistant_version)
                ORDER BY number DESC LIMIT 1) v ON true
            WHERE p.phone_number = ? AND p.owner_id = ? AND NOT p.deleted""";
    /** Connections of the JDBC baseline: as many as the platform's pool (Hikari's default), so both queue alike. */
    private static final int CONNECTIONS = 10;

    private final Settings settings;
    private final Api api;
    private final Load load;
    private final PrintStream out;
    private final long platformPid;

    RuntimeBench(Settings settings, Api api, Load load, PrintStream out, long platformPid) {
        this.settings = settings;
        this.api = api;
        this.load = load;
        this.out = out;
        this.platformPid = platformPid;
    }

    void run(DataSet data) throws Exception {
        List<DataSet.PhoneNumber> numbers = List.copyOf(data.numbers());
        checkAnswers(data, numbers.get(0));
        Map<String, List<Result>> results = new LinkedHashMap<>();
        double rate = settings.runtimeRate();
        for (int run = 1; run <= settings.runs(); run++) {
            log("run " + run + " of " + settings.runs());
            record(
                    results,
                    "statement",
                    load.openJdbc("lookup statement", rate, settings.jdbcUrl(), CONNECTIONS, STATEMENT, statement -> {
                        DataSet.PhoneNumber number = any(numbers);
                        statement.setString(1, number.e164());
                        statement.setString(2, data.users().get(number.owner()).id());
                    }));
            record(
                    results,
                    "by id",
                    load.open(
                            "GET phone number",
                            rate,
                            () -> {
                                DataSet.PhoneNumber number = any(numbers);
                                return api.request(
                                        "GET",
                                        "/api/phone-numbers/" + number.id(),
                                        data.users().get(number.owner()).token(),
                                        null,
                                        null);
                            },
                            false));
            boolean profile = settings.profile() && run == 1;
            if (profile) {
                Profiler.start(platformPid, settings.workDir().resolve("runtime-lookup.jfr"));
            }
            record(
                    results,
                    "lookup",
                    load.open(
                            "runtime lookup",
                            rate,
                            () -> {
                                DataSet.PhoneNumber number = any(numbers);
                                return api.request(
                                        "GET",
                                        "/api/runtime/phone-numbers/" + number.e164(),
                                        data.users().get(number.owner()).token(),
                                        null,
                                        null);
                            },
                            false));
            if (profile) {
                log("profile: " + Profiler.stop(platformPid));
            }
        }
        report(numbers.size(), rate, results);
    }

    /** The lookup answers what the phases claim it does: a version, and a tool with its credential in clear. */
    private void checkAnswers(DataSet data, DataSet.PhoneNumber number) {
        Api.Response answer = api.get(
                "/api/runtime/phone-numbers/" + number.e164(),
                data.users().get(number.owner()).token());
        String token = answer.json()
                .path("data")
                .path("configuration")
                .path("tools")
                .path(0)
                .path("authentication")
                .path("token")
                .asText();
        if (answer.status() != 200 || !token.startsWith("bench-token-")) {
            throw new IllegalStateException("the lookup of " + number.e164() + " does not answer a version with its "
                    + "credentials in clear: " + answer);
        }
    }

    private static DataSet.PhoneNumber any(List<DataSet.PhoneNumber> numbers) {
        return numbers.get(ThreadLocalRandom.current().nextInt(numbers.size()));
    }

    private void record(Map<String, List<Result>> results, String key, Result result) {
        results.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
        log(String.format(
                "%-10s r=%.0f %8.1f/s  p50 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  CPU/op platform %.2f ms db %.2f ms  errors %d  load %s",
                key,
                result.offeredRate(),
                result.throughput(),
                result.latency(50),
                result.latency(99),
                result.latency(99.9),
                result.platformCpuPerOperation(),
                result.databaseCpuPerOperation(),
                result.errors(),
                result.loadAverage()));
    }

    private void report(int numbers, double rate, Map<String, List<Result>> results) {
        out.println();
        out.println("## Runtime lookup");
        out.println();
        out.printf(
                "- %d phone numbers, each answered by a published version of an assistant with two tools (a bearer "
                        + "token and an API-key header each, decrypted per answer), half of them pinned; a random number "
                        + "per request, asked by its owner; %s; %d s warm-up + %d s measured per phase%n",
                numbers,
                settings.runs() == 1 ? "1 run" : "median of " + settings.runs() + " runs",
                settings.warmUp().toSeconds(),
                settings.measure().toSeconds());
        out.println();
        out.println(
                "| Read | Offered/s | Achieved/s | p50 ms | p99 ms | p99.9 ms | Lookup p99 ÷ this p99 | CPU ms/op platform | CPU ms/op database | Errors | Load avg |");
        out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        double lookupP99 = median(results.get("lookup"), r -> r.latency(99));
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("statement", "the lookup's statement over JDBC (" + CONNECTIONS + " connections)");
        reads.put("by id", "`GET /api/phone-numbers/{id}`");
        reads.put("lookup", "`GET /api/runtime/phone-numbers/{e164}`");
        reads.forEach((key, read) -> {
            List<Result> r = results.get(key);
            double p99 = median(r, x -> x.latency(99));
            out.printf(
                    "| %s | %.0f | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d | %s |%n",
                    read,
                    rate,
                    median(r, Result::throughput),
                    median(r, x -> x.latency(50)),
                    p99,
                    median(r, x -> x.latency(99.9)),
                    lookupP99 / p99,
                    median(r, Result::platformCpuPerOperation),
                    median(r, Result::databaseCpuPerOperation),
                    r.stream().mapToLong(Result::errors).sum(),
                    loads(r));
        });
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
