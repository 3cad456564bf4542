package io.voicepartner.query.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A relation of a page of rows (an assistant's tools, a tool's users), read in one statement for the whole
 * page. A correlated subquery per row would run once per row and hand its rows back as JSON to parse again.
 */
public final class PageRelations {

    private PageRelations() {}

    /**
     * @param sql     takes the owner and the page's ids (an array, for {@code = ANY(?)}) as its parameters, in
     *                that order, and answers in its first column the id of the row each related one belongs to,
     *                in the order each row's list keeps
     * @param related maps the other columns
     * @return each row's related ones by the row's id; a row with none is missing
     */
    public static <T> Map<String, List<T>> read(
            JdbcClient jdbc, String sql, String ownerId, List<String> ids, RowMapper<T> related) {
        Map<String, List<T>> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        jdbc.sql(sql)
                .params(ownerId, ids.toArray(String[]::new))
                .query((row, n) -> Map.entry(row.getString(1), related.mapRow(row, n)))
                .list()
                .forEach(entry -> byId.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(entry.getValue()));
        return byId;
    }
}
