package io.voicepartner.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time spent by the platform's process and by the PostgreSQL backends serving its database, from
 * {@code /proc}. On a machine shared with other work, throughput and latency move with everyone else's load;
 * the CPU an operation costs hardly does, so it is the figure to compare changes by.
 */
final class Cpu {

    /** CPU milliseconds: cumulative at one instant, or used between two. */
    record Sample(double platformMillis, double databaseMillis, Map<Long, Long> backendTicks) {
        /**
         * Backends that came or went between the samples (autovacuum workers, a client's connections)
         * count with what they used while both were taken, not with their lifetime's total.
         */
        Sample minus(Sample earlier) {
            long backends = 0;
            for (Map.Entry<Long, Long> backend : backendTicks.entrySet()) {
                backends += backend.getValue() - earlier.backendTicks.getOrDefault(backend.getKey(), 0L);
            }
            return new Sample(platformMillis - earlier.platformMillis, backends * MILLIS_PER_TICK, Map.of());
        }
    }

    // USER_HZ: 100 on every Linux the platform runs on
    private static final double MILLIS_PER_TICK = 10;

    private final long platformPid;
    private final String jdbcUrl;
    private final String database;
    private Connection connection;

    Cpu(long platformPid, String jdbcUrl, String database) {
        this.platformPid = platformPid;
        this.jdbcUrl = jdbcUrl;
        this.database = database;
    }

    Sample sample() {
        Map<Long, Long> backends = new HashMap<>();
        for (long pid : backendPids()) {
            backends.put(pid, ticks(pid));
        }
        double total = backends.values().stream().mapToLong(Long::longValue).sum() * MILLIS_PER_TICK;
        return new Sample(ticks(platformPid) * MILLIS_PER_TICK, total, backends);
    }

    /** CPU milliseconds a process has used so far (user and system). */
    static double processMillis(long pid) {
        return ticks(pid) * MILLIS_PER_TICK;
    }

    /** utime + stime of a process; 0 if it is gone or unreadable. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the command name start at the state (field 3): utime is field 14, stime 15
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    /**
     * One connection, opened once and kept: on a server whose {@code max_connections} the load (or other
     * work) exhausts, a connection opened per sample would be refused and the sample lost.
     */
    private List<Long> backendPids() {
        List<Long> pids = new ArrayList<>();
        try {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
                query.setString(1, database);
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        pids.add(result.getLong(1));
                    }
                }
            }
        } catch (Exception unavailable) {
            return pids;
        }
        return pids;
    }
}
