package io.voicepartner.query.consuming;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The writes a projector makes to one read-model table, each the same rule whether it runs as SQL on the tables of the
 * current projection transaction ({@link ProjectionSchema}: the live consumer, a rebuild's catch-up) or on a rebuild's
 * rows in memory ({@link Fold}), which are written with {@code COPY} once every event is folded (ADR 0044). A projector
 * that writes a table only through this class can be folded: its rules exist once, and both paths run them.
 *
 * <p>Rows are column maps; values are {@link String}, {@link Number}, {@link Boolean}, {@link Instant}, {@link Json} or
 * {@code null}. Keys are the columns of the table's primary key.
 */
public final class ProjectedTable {

    /** A value for a {@code jsonb} column, as its JSON text. */
    public record Json(String text) {}

    /** How {@link #accumulate} merges a column of a row that exists already with the one written. */
    public enum Merge {
        /** {@code column = existing + written} */
        SUM,
        /** {@code column = GREATEST(existing, written)}: {@code NULL}s ignored, as PostgreSQL does */
        GREATEST
    }

    private final JdbcClient jdbc;
    private final String table;
    private final List<String> key;

    /** @param key the columns of its primary key */
    public ProjectedTable(JdbcClient jdbc, String table, String... key) {
        this.jdbc = jdbc;
        this.table = table;
        this.key = List.of(key);
    }

    String name() {
        return table;
    }

    List<String> key() {
        return key;
    }

    /**
     * {@code INSERT … ON CONFLICT (key) DO NOTHING}.
     *
     * @return false if a row with its key exists already (a redelivery)
     */
    public boolean insert(Map<String, Object> row) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            return fold.insert(this, row);
        }
        return jdbc.sql("INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                                + placeholders(row) + ") ON CONFLICT (" + String.join(", ", key) + ") DO NOTHING")
                        .params(parameters(row))
                        .update()
                == 1;
    }

    /**
     * {@code UPDATE … SET … WHERE key AND revision < :revision}; {@code set} includes the new revision if the row
     * moves to it.
     *
     * @param below the revision the row must be below, or {@code null} for any row with the key
     * @return false if there is no such row
     */
    public boolean update(Map<String, Object> id, Long below, Map<String, Object> set) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            return fold.update(this, id, below, set);
        }
        Map<String, Object> parameters = new HashMap<>(parameters(set));
        id.forEach((column, value) -> parameters.put("key_" + column, bind(value)));
        if (below != null) {
            parameters.put("below", below);
        }
        return jdbc.sql("UPDATE " + table + " SET "
                                + set.keySet().stream()
                                        .map(column -> column + " = " + placeholder(column, set.get(column)))
                                        .collect(Collectors.joining(", "))
                                + " WHERE "
                                + id.keySet().stream()
                                        .map(column -> column + " = :key_" + column)
                                        .collect(Collectors.joining(" AND "))
                                + (below == null ? "" : " AND revision < :below"))
                        .params(parameters)
                        .update()
                == 1;
    }

    /** {@code DELETE} of the rows whose key starts with {@code prefix} (the whole key: one row). */
    public void delete(Map<String, Object> prefix) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            fold.delete(this, prefix);
            return;
        }
        Map<String, Object> parameters = new HashMap<>();
        prefix.forEach((column, value) -> parameters.put(column, bind(value)));
        jdbc.sql("DELETE FROM " + table + " WHERE "
                        + prefix.keySet().stream()
                                .map(column -> column + " = :" + column)
                                .collect(Collectors.joining(" AND ")))
                .params(parameters)
                .update();
    }

    /** {@code INSERT … ON CONFLICT (key) DO UPDATE} merging the {@code merged} columns, the others left as they are. */
    public void accumulate(Map<String, Object> row, Map<String, Merge> merged) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            fold.accumulate(this, row, merged);
            return;
        }
        jdbc.sql("INSERT INTO " + table + " AS existing (" + String.join(", ", row.keySet()) + ") VALUES ("
                        + placeholders(row) + ") ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET "
                        + merged.entrySet().stream()
                                .map(column -> column.getKey() + " = "
                                        + switch (column.getValue()) {
                                            case SUM ->
                                                "existing." + column.getKey() + " + EXCLUDED." + column.getKey();
                                            case GREATEST ->
                                                "GREATEST(existing." + column.getKey() + ", EXCLUDED." + column.getKey()
                                                        + ")";
                                        })
                                .collect(Collectors.joining(", ")))
                .params(parameters(row))
                .update();
    }

    /** The revision the row with this key holds in the current projection's tables (or fold); empty if none. */
    public OptionalLong revision(Map<String, Object> id) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            return fold.revision(this, id);
        }
        Map<String, Object> parameters = new HashMap<>();
        id.forEach((column, value) -> parameters.put(column, bind(value)));
        return jdbc.sql("SELECT revision FROM " + table + " WHERE "
                        + id.keySet().stream()
                                .map(column -> column + " = :" + column)
                                .collect(Collectors.joining(" AND ")))
                .params(parameters)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * A column of the row with this key, as text ({@code jsonb} as its JSON), in the current projection's tables (or
     * fold); empty if there is no such row, or the column is null there.
     */
    public Optional<String> text(Map<String, Object> id, String column) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            return fold.text(this, id, column);
        }
        Map<String, Object> parameters = new HashMap<>();
        id.forEach((name, value) -> parameters.put(name, bind(value)));
        return jdbc.sql("SELECT CAST(" + column + " AS text) FROM " + table + " WHERE "
                        + id.keySet().stream().map(name -> name + " = :" + name).collect(Collectors.joining(" AND ")))
                .params(parameters)
                .query(String.class)
                .optional();
    }

    /**
     * A column, as text, of the row whose key is {@code prefix} followed by the greatest value of the key's last
     * column below {@code below}; empty if there is none. The key's last column is a whole number, such as a
     * revision.
     */
    public Optional<String> latestBelow(Map<String, Object> prefix, long below, String column) {
        Fold fold = Fold.of(table);
        if (fold != null) {
            return fold.latestBelow(this, prefix, below, column);
        }
        String order = key.get(key.size() - 1);
        Map<String, Object> parameters = new HashMap<>();
        prefix.forEach((name, value) -> parameters.put(name, bind(value)));
        parameters.put("below", below);
        return jdbc.sql("SELECT CAST(" + column + " AS text) FROM " + table + " WHERE "
                        + prefix.keySet().stream()
                                .map(name -> name + " = :" + name)
                                .collect(Collectors.joining(" AND "))
                        + " AND " + order + " < :below ORDER BY " + order + " DESC LIMIT 1")
                .params(parameters)
                .query(String.class)
                .optional();
    }

    /** A row's columns in the order given, for callers that build one. */
    public static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    /** The key columns' values of a row, in the key's order: what identifies it in a fold. */
    List<Object> keyOf(Map<String, Object> row) {
        List<Object> values = new ArrayList<>(key.size());
        for (String column : key) {
            Object value = row.get(column);
            if (value == null) {
                throw new IllegalArgumentException(table + "." + column + " is part of the key and missing");
            }
            values.add(value);
        }
        return values;
    }

    private static String placeholders(Map<String, Object> row) {
        return row.entrySet().stream()
                .map(column -> placeholder(column.getKey(), column.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A null is written as {@code NULL}: the column gives it its type, and the driver need not ask for one. */
    private static String placeholder(String column, Object value) {
        if (value == null) {
            return "NULL";
        }
        return value instanceof Json ? "CAST(:" + column + " AS jsonb)" : ":" + column;
    }

    private static Map<String, Object> parameters(Map<String, Object> row) {
        Map<String, Object> parameters = new HashMap<>();
        row.forEach((column, value) -> {
            if (value != null) {
                parameters.put(column, bind(value));
            }
        });
        return parameters;
    }

    private static Object bind(Object value) {
        if (value instanceof Instant instant) {
            return Timestamp.from(instant);
        }
        if (value instanceof Json json) {
            return json.text();
        }
        return value;
    }
}
