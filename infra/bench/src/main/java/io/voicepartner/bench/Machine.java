package io.voicepartner.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were taken on: they mean little without it, and the load average with every one. */
final class Machine {

    private Machine() {}

    static String loadAverage() {
        String[] fields = Load.readFile(Path.of("/proc/loadavg")).split("\\s+");
        return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "?";
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), " + memoryGiB()
                + " GiB RAM, " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", the harness on Java " + System.getProperty("java.version") + ", " + postgres();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String memoryGiB() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format("%.1f", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst()
                    .orElse("?");
        } catch (Exception e) {
            return "?";
        }
    }

    private static String postgres() {
        try (var connection = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var statement = connection.createStatement();
                var result = statement.executeQuery("SHOW server_version")) {
            result.next();
            return "PostgreSQL " + result.getString(1);
        } catch (Exception e) {
            return "PostgreSQL ?";
        }
    }
}
