package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where a canary (a person's address or name) could still be: a dump of a platform's database and every record of
 * its broker's topics, searched in every encoding the value could have been written in. Shared by the tests of
 * erasure ({@link ErasureIT}, {@link StoredBeforeSealingIT}).
 */
final class CanarySearch {

    private CanarySearch() {}

    /** @return each form of a canary found in the text, with what surrounds it, to say where it was */
    static List<String> search(String text, List<String> canaries) {
        List<String> found = new ArrayList<>();
        for (String form : encodings(canaries)) {
            int at = text.indexOf(form);
            if (at >= 0) {
                found.add(text.substring(Math.max(0, at - 200), Math.min(text.length(), at + form.length() + 50)));
            }
        }
        return found;
    }

    /**
     * Each value as it is, JSON-escaped (quotes, and non-ASCII as {@code \\u} escapes), URL-encoded, and in base64
     * (standard and URL-safe) at each of the three alignments it could have inside a longer encoded text: only the
     * characters that the value alone decides.
     */
    private static Set<String> encodings(List<String> values) {
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"");
            forms.add(value);
            forms.add(quoted);
            StringBuilder ascii = new StringBuilder();
            quoted.chars().forEach(c -> ascii.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
            forms.add(ascii.toString());
            forms.add(ascii.toString().toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
            forms.add(URLEncoder.encode(value, StandardCharsets.UTF_8));
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < 3; offset++) {
                byte[] shifted = new byte[offset + bytes.length];
                System.arraycopy(bytes, 0, shifted, offset, bytes.length);
                int from = (offset * 8 + 5) / 6;
                int to = (shifted.length * 8) / 6;
                for (Base64.Encoder encoder : List.of(
                        Base64.getEncoder().withoutPadding(),
                        Base64.getUrlEncoder().withoutPadding())) {
                    forms.add(encoder.encodeToString(shifted).substring(from, to));
                }
            }
        }
        return forms;
    }

    /**
     * The platform's database as {@code pg_dump} writes it (every schema, every table, snapshots and the event store
     * included), or, where the client is not installed, every row of every table of every schema read over JDBC.
     */
    static String storedText(TestInfrastructure.Database database)
            throws IOException, InterruptedException, SQLException {
        Path pgDump = Path.of("/usr/bin/pg_dump");
        if (Files.isExecutable(pgDump)) {
            URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
            ProcessBuilder dump = new ProcessBuilder(
                            pgDump.toString(),
                            "--host=" + uri.getHost(),
                            "--port=" + uri.getPort(),
                            "--username=" + database.username(),
                            "--no-password",
                            uri.getPath().substring(1))
                    .redirectErrorStream(false);
            dump.environment().put("PGPASSWORD", database.password() == null ? "" : database.password());
            Path out = Files.createTempFile("erasure-dump-", ".sql");
            try {
                Process process = dump.redirectOutput(out.toFile()).start();
                if (process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Files.readString(out);
                }
                System.out.println("CanarySearch: pg_dump failed; every row of every table is read over JDBC instead");
                process.destroy();
            } finally {
                Files.deleteIfExists(out);
            }
        }
        return everyRow(database);
    }

    /** Every row of every table of every schema, as text (bytea as UTF-8), in one string. */
    static String everyRow(TestInfrastructure.Database database) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("SELECT quote_ident(table_schema) || '.' || "
                    + "quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                    + "AND table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            assertThat(tables).contains("command.domain_event_entry", "command.snapshot_event_entry");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            text.append(
                                            value instanceof byte[] bytes
                                                    ? new String(bytes, StandardCharsets.UTF_8)
                                                    : String.valueOf(value))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        return text.toString();
    }

    /** Every record of every topic on the broker, from its start to its end now: keys, values and headers. */
    static String recordsOfEveryTopic(String servers) throws Exception {
        StringBuilder text = new StringBuilder();
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            topics = admin.listTopics().names().get();
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                servers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic)
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
            ends.values().removeIf(end -> end == 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
                assertThat(System.nanoTime()).as("every topic read within 60 s").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null) {
                        text.append(new String(record.key(), StandardCharsets.UTF_8))
                                .append('\n');
                    }
                    if (record.value() != null) {
                        text.append(new String(record.value(), StandardCharsets.UTF_8))
                                .append('\n');
                    }
                    for (Header header : record.headers()) {
                        text.append(header.key()).append('=');
                        if (header.value() != null) {
                            text.append(new String(header.value(), StandardCharsets.UTF_8));
                        }
                        text.append('\n');
                    }
                }
            }
        }
        return text.toString();
    }
}
