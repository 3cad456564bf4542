package io.voicepartner.query.consuming;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A rebuild's read-model rows in memory (ADR 0044): the projectors apply every event as they always do, and their
 * {@link ProjectedTable} writes to the tables this fold holds land here instead of in SQL, each aggregate's rows folded
 * to their final state; then {@link #copyInto} writes them to the shadow tables with {@code COPY}, one statement per
 * table instead of one per event.
 *
 * <p>A worker binds the fold to its thread while it applies events ({@link #bind}); writes to tables the fold does not
 * hold (a read model applied event by event) still go to SQL. Workers apply disjoint aggregates (a rebuild splits by
 * record key, and a projector writes only the rows of its event's key), so rows are never written by two threads, and
 * each thread can undo its own writes when a part of a poll fails ({@link #mark}, {@link #undoTo}), as the
 * transaction of the same part rolls back its SQL.
 */
final class Fold {

    private static final ThreadLocal<Fold> BOUND = new ThreadLocal<>();
    /** The zone a bound {@link java.sql.Timestamp} is sent in: the JVM's, which {@code timestamp} columns keep. */
    private static final ZoneId ZONE = ZoneId.systemDefault();
    /** What {@code COPY}'s text format reads for {@code timestamptz} and {@code timestamp}, to the nanosecond as a
     * bound {@link java.sql.Timestamp} is sent (PostgreSQL rounds both to the microsecond the same way). */
    static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM:ss", "+00")
            .toFormatter()
            .withZone(ZONE);

    private static final int COPY_BUFFER = 1 << 20;
    /** Reads numbers exactly and writes them plain: {@link #asStored}. */
    private static final ObjectMapper JSONB = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** The undone state of one row: {@code previous} null if the write created it. */
    private record Change(
            Map<List<Object>, Map<String, Object>> rows, List<Object> key, Map<String, Object> previous) {}

    private final Map<String, Map<List<Object>, Map<String, Object>>> tables = new HashMap<>();
    private final ThreadLocal<List<Change>> changes = ThreadLocal.withInitial(ArrayList::new);

    /** @param tables the tables it holds, without their schema */
    Fold(Collection<String> tables) {
        tables.forEach(table -> this.tables.put(table, new ConcurrentHashMap<>()));
    }

    /** The fold bound to this thread if it holds {@code table}, else {@code null}: the write goes to SQL. */
    static Fold of(String table) {
        Fold fold = BOUND.get();
        return fold != null && fold.tables.containsKey(table) ? fold : null;
    }

    /** Runs {@code work} with this fold receiving the writes of the current thread to its tables. */
    void bind(Runnable work) {
        Fold before = BOUND.get();
        BOUND.set(this);
        try {
            work.run();
        } finally {
            BOUND.set(before);
        }
    }

    /** Whether it holds every table of the read model: its projectors then write nothing to SQL. */
    boolean holds(ReadModel model) {
        return tables.keySet().containsAll(model.tables());
    }

    /** How many rows it holds, all tables together. */
    long rows() {
        return tables.values().stream().mapToLong(Map::size).sum();
    }

    /** Lets go of every row, once they are copied in. */
    void clear() {
        tables.values().forEach(Map::clear);
    }

    /** Where this thread's writes are: what {@link #undoTo} goes back to. */
    int mark() {
        return changes.get().size();
    }

    /** Takes back this thread's writes since {@code mark}, newest first. */
    void undoTo(int mark) {
        List<Change> made = changes.get();
        for (int i = made.size() - 1; i >= mark; i--) {
            Change change = made.remove(i);
            if (change.previous() == null) {
                change.rows().remove(change.key());
            } else {
                change.rows().put(change.key(), change.previous());
            }
        }
    }

    /** Forgets what this thread could undo: its writes are kept, as a committed transaction's. */
    void keep() {
        changes.get().clear();
    }

    boolean insert(ProjectedTable table, Map<String, Object> row) {
        Map<List<Object>, Map<String, Object>> rows = tables.get(table.name());
        List<Object> key = table.keyOf(row);
        if (rows.containsKey(key)) {
            return false;
        }
        write(rows, key, null, new LinkedHashMap<>(row));
        return true;
    }

    boolean update(ProjectedTable table, Map<String, Object> id, Long below, Map<String, Object> set) {
        Map<List<Object>, Map<String, Object>> rows = tables.get(table.name());
        List<Object> key = table.keyOf(id);
        Map<String, Object> row = rows.get(key);
        if (row == null || (below != null && ((Number) row.get("revision")).longValue() >= below)) {
            return false;
        }
        Map<String, Object> updated = new LinkedHashMap<>(row);
        updated.putAll(set);
        write(rows, key, row, updated);
        return true;
    }

    /**
     * Removes the rows whose key starts with {@code prefix}: the row with that key if it is the whole key, else by a
     * look at every row of the table, which only a rare event asks for (an assistant restored with its relations).
     */
    void delete(ProjectedTable table, Map<String, Object> prefix) {
        Map<List<Object>, Map<String, Object>> rows = tables.get(table.name());
        if (prefix.keySet().containsAll(table.key())) {
            List<Object> key = table.keyOf(prefix);
            Map<String, Object> row = rows.remove(key);
            if (row != null) {
                changes.get().add(new Change(rows, key, row));
            }
            return;
        }
        List<Object> values = new ArrayList<>();
        for (String column : table.key().subList(0, prefix.size())) {
            values.add(prefix.get(column));
        }
        for (List<Object> key : List.copyOf(rows.keySet())) {
            if (key.subList(0, values.size()).equals(values)) {
                changes.get().add(new Change(rows, key, rows.remove(key)));
            }
        }
    }

    void accumulate(ProjectedTable table, Map<String, Object> row, Map<String, ProjectedTable.Merge> merged) {
        Map<List<Object>, Map<String, Object>> rows = tables.get(table.name());
        List<Object> key = table.keyOf(row);
        Map<String, Object> existing = rows.get(key);
        if (existing == null) {
            write(rows, key, null, new LinkedHashMap<>(row));
            return;
        }
        Map<String, Object> updated = new LinkedHashMap<>(existing);
        merged.forEach((column, merge) -> updated.put(column, merge(merge, existing.get(column), row.get(column))));
        write(rows, key, existing, updated);
    }

    OptionalLong revision(ProjectedTable table, Map<String, Object> id) {
        Map<String, Object> row = tables.get(table.name()).get(table.keyOf(id));
        return row == null ? OptionalLong.empty() : OptionalLong.of(((Number) row.get("revision")).longValue());
    }

    Optional<String> text(ProjectedTable table, Map<String, Object> id, String column) {
        Map<String, Object> row = tables.get(table.name()).get(table.keyOf(id));
        return row == null
                ? Optional.empty()
                : Optional.ofNullable(row.get(column)).map(Fold::text);
    }

    /**
     * Looks for the key below {@code below} one value after the other, down to 0: a fold has no order, and the rows
     * it is asked this for (a resource's history, one row per revision) have few gaps below the one asked for.
     */
    Optional<String> latestBelow(ProjectedTable table, Map<String, Object> prefix, long below, String column) {
        Map<List<Object>, Map<String, Object>> rows = tables.get(table.name());
        List<Object> key = new ArrayList<>(table.key().size());
        for (String name : table.key().subList(0, table.key().size() - 1)) {
            key.add(prefix.get(name));
        }
        key.add(null);
        for (long value = below - 1; value >= 0; value--) {
            key.set(key.size() - 1, value);
            Map<String, Object> row = rows.get(key);
            if (row != null) {
                return Optional.ofNullable(row.get(column)).map(Fold::text);
            }
        }
        return Optional.empty();
    }

    private static String text(Object value) {
        return value instanceof ProjectedTable.Json json ? asStored(json.text()) : value.toString();
    }

    /**
     * The JSON as a JSONB column gives it back: its numbers as PostgreSQL's {@code numeric} writes them (plain,
     * {@code 1.0E21} as {@code 1000000000000000000000}, {@code 1.0E-7} as {@code 0.00000010}), which is what a projector
     * reading it through SQL parses, and so decides on; key order and spacing do not matter to a parsed tree.
     */
    private static String asStored(String json) {
        try (StringWriter text = new StringWriter();
                JsonGenerator out = JSONB.getFactory().createGenerator(text)) {
            writePlain(JSONB.readTree(json), out);
            out.flush();
            return text.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static void writePlain(JsonNode node, JsonGenerator out) throws IOException {
        if (node.isObject()) {
            out.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.writeFieldName(field.getKey());
                writePlain(field.getValue(), out);
            }
            out.writeEndObject();
        } else if (node.isArray()) {
            out.writeStartArray();
            for (JsonNode element : node) {
                writePlain(element, out);
            }
            out.writeEndArray();
        } else if (node.isNumber()) {
            out.writeNumber(node.decimalValue().toPlainString());
        } else {
            JSONB.writeTree(out, node);
        }
    }

    private void write(
            Map<List<Object>, Map<String, Object>> rows,
            List<Object> key,
            Map<String, Object> previous,
            Map<String, Object> row) {
        rows.put(key, row);
        changes.get().add(new Change(rows, key, previous));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object merge(ProjectedTable.Merge merge, Object existing, Object written) {
        if (existing == null || written == null) {
            // SUM of a NULL is NULL, as in SQL; GREATEST ignores NULLs
            return merge == ProjectedTable.Merge.SUM ? null : existing == null ? written : existing;
        }
        if (merge == ProjectedTable.Merge.GREATEST) {
            return ((Comparable) existing).compareTo(written) >= 0 ? existing : written;
        }
        // the counters are whole numbers (BIGINT): a sum of them stays one
        return Long.valueOf(((Number) existing).longValue() + ((Number) written).longValue());
    }

    /**
     * One {@code COPY} per table and set of columns (a row names the columns its writes gave it; the others take their
     * defaults, as they would from the {@code INSERT}), each a task for the caller to run, in parallel if it likes.
     *
     * @return the number of rows each task wrote
     */
    List<Callable<Long>> copyInto(DataSource dataSource, String schema) {
        List<Callable<Long>> copies = new ArrayList<>();
        tables.forEach((table, rows) -> {
            // grouped by the rows' own key sets (equal as sets), each group's columns sorted once, not once a row
            Map<Set<String>, List<Map<String, Object>>> byColumns =
                    rows.values().stream().collect(Collectors.groupingBy(Map::keySet));
            byColumns.forEach((columns, group) ->
                    copies.add(() -> copy(dataSource, schema + "." + table, new TreeSet<>(columns), group)));
        });
        return copies;
    }

    private static long copy(DataSource dataSource, String table, Set<String> columns, List<Map<String, Object>> rows)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN");
            try {
                StringBuilder text = new StringBuilder(COPY_BUFFER + 4096);
                for (Map<String, Object> row : rows) {
                    boolean first = true;
                    for (String column : columns) {
                        if (!first) {
                            text.append('\t');
                        }
                        first = false;
                        appendCopyText(text, row.get(column));
                    }
                    text.append('\n');
                    if (text.length() >= COPY_BUFFER) {
                        send(copy, text);
                    }
                }
                send(copy, text);
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    /**
     * An instant as {@link #TIMESTAMP} writes it, written by hand for the years an event can hold: the formatter was over a
     * quarter of the {@code COPY}'s time in a profile of a million-event rebuild (BENCHMARKS.md). Nothing in it needs
     * escaping.
     */
    static void appendTimestamp(StringBuilder text, Instant instant) {
        ZoneOffset offset = ZONE.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        if (local.getYear() < 1 || local.getYear() > 9999) {
            text.append(TIMESTAMP.format(instant));
            return;
        }
        digits(text, local.getYear(), 4).append('-');
        digits(text, local.getMonthValue(), 2).append('-');
        digits(text, local.getDayOfMonth(), 2).append(' ');
        digits(text, local.getHour(), 2).append(':');
        digits(text, local.getMinute(), 2).append(':');
        digits(text, local.getSecond(), 2);
        int nano = instant.getNano();
        if (nano > 0) {
            // as the formatter's fraction: its significant digits only
            int width = 9;
            while (nano % 10 == 0) {
                nano /= 10;
                width--;
            }
            digits(text.append('.'), nano, width);
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            text.append("+00");
            return;
        }
        text.append(seconds < 0 ? '-' : '+');
        seconds = Math.abs(seconds);
        digits(text, seconds / 3600, 2).append(':');
        digits(text, seconds / 60 % 60, 2);
        if (seconds % 60 != 0) {
            digits(text.append(':'), seconds % 60, 2);
        }
    }

    /** {@code value} with leading zeros to {@code width} digits. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String plain = Integer.toString(value);
        for (int i = plain.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(plain);
    }

    /** A value in {@code COPY}'s text format: {@code \N} for null, backslash escapes for what would end the field. */
    private static void appendCopyText(StringBuilder text, Object value) {
        if (value == null) {
            text.append("\\N");
            return;
        }
        String plain;
        if (value instanceof Instant instant) {
            appendTimestamp(text, instant);
            return;
        } else if (value instanceof ProjectedTable.Json json) {
            plain = json.text();
        } else if (value instanceof Boolean bool) {
            plain = bool ? "t" : "f";
        } else {
            plain = value.toString();
        }
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
    }
}
