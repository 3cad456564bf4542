package io.voicepartner.query.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The read-model tables of schema {@code query}, read from PostgreSQL's catalogue. */
@Repository
class ReadModelCatalogue {

    record Column(String name, String type, boolean nullable) {}

    record Index(String name, String definition) {}

    record Table(String name, List<Column> columns, List<Index> indexes) {}

    private record TableColumn(String tableName, String name, String type, boolean nullable) {}

    private record TableIndex(String tableName, String name, String definition) {}

    private final JdbcClient jdbc;

    ReadModelCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Table> tables() {
        Map<String, List<Column>> columns = jdbc
                .sql("SELECT table_name, column_name AS name, data_type AS type, "
                        + "is_nullable = 'YES' AS nullable FROM information_schema.columns "
                        + "WHERE table_schema = 'query' AND table_name <> 'flyway_schema_history' "
                        + "ORDER BY table_name, ordinal_position")
                .query(TableColumn.class)
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        TableColumn::tableName,
                        LinkedHashMap::new,
                        Collectors.mapping(c -> new Column(c.name(), c.type(), c.nullable()), Collectors.toList())));
        Map<String, List<Index>> indexes = jdbc
                .sql(
                        "SELECT tablename AS table_name, indexname AS name, "
                                + "indexdef AS definition FROM pg_indexes WHERE schemaname = 'query' ORDER BY tablename, indexname")
                .query(TableIndex.class)
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        TableIndex::tableName,
                        Collectors.mapping(i -> new Index(i.name(), i.definition()), Collectors.toList())));
        return columns.entrySet().stream()
                .map(table ->
                        new Table(table.getKey(), table.getValue(), indexes.getOrDefault(table.getKey(), List.of())))
                .toList();
    }
}
