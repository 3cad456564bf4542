package io.voicepartner.query.web;

import io.voicepartner.api.web.PageMeta;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list read every resource shares: one owner's live rows, narrowed by filters, newest first (ids are
 * UUIDv7), one page after a cursor, with the total the filters match. A list that is no owner's resources (the
 * organizations a user belongs to, an organization's members) names its rows' condition and key itself
 * ({@link #where}).
 */
public final class ListQuery {

    /** One page; {@code hasMore} says whether a next page exists. */
    public record Page<T>(List<T> items, boolean hasMore, long total) {

        public PageMeta meta(int limit, Function<T, String> idOf) {
            String next = hasMore ? Cursors.encode(idOf.apply(items.get(items.size() - 1))) : null;
            return new PageMeta(limit, next, total);
        }
    }

    private final String alias;
    private final String key;
    private final StringBuilder where;
    private final Map<String, Object> params = new LinkedHashMap<>();

    private ListQuery(String alias, String key, String condition, Map<String, ?> conditionParams) {
        this.alias = alias;
        this.key = key;
        this.where = new StringBuilder(" WHERE " + condition);
        params.putAll(conditionParams);
    }

    /** @param alias the table's alias in {@code from} of {@link #fetch} */
    public static ListQuery ownedBy(String alias, String ownerId) {
        return new ListQuery(
                alias,
                "id",
                alias + ".owner_id = :owner_id AND " + alias + ".deleted_at IS NULL",
                Map.of("owner_id", ownerId));
    }

    /**
     * The rows the condition picks, newest first by their key.
     *
     * @param alias     the table's alias in {@code from} of {@link #fetch}
     * @param key       the column of that table the rows are ordered and paged by: unique among them, greater for
     *                  newer ones (a UUIDv7), and what the cursor holds
     * @param condition with its named parameters
     */
    public static ListQuery where(String alias, String key, String condition, Map<String, ?> conditionParams) {
        return new ListQuery(alias, key, condition, conditionParams);
    }

    /** Keeps the rows whose column equals the value; no filter when the value is {@code null}. */
    public ListQuery equal(String column, Object value) {
        if (value != null) {
            where.append(" AND ")
                    .append(alias)
                    .append('.')
                    .append(column)
                    .append(" = :")
                    .append(column);
            params.put(column, value);
        }
        return this;
    }

    /** Keeps the rows whose column contains the text, ignoring case; no filter when it is {@code null}. */
    public ListQuery containing(String column, String text) {
        if (text != null) {
            condition(
                    alias + "." + column + " ILIKE :" + column + "_pattern ESCAPE '\\'",
                    Map.of(column + "_pattern", pattern(text)));
        }
        return this;
    }

    /** A condition of the resource's own, with its named parameters. */
    public ListQuery condition(String sql, Map<String, ?> conditionParams) {
        where.append(" AND ").append(sql);
        params.putAll(conditionParams);
        return this;
    }

    /** A {@code LIKE} pattern that finds the text anywhere, its wildcards taken literally. */
    public static String pattern(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * @param select the columns, e.g. {@code "SELECT t.id, t.name"}
     * @param from   the table with the alias, e.g. {@code "query.tools t"}
     * @param after  the key of the last row of the previous page, or {@code null} for the first
     */
    public <T> Page<T> fetch(JdbcClient jdbc, String select, String from, String after, int limit, RowMapper<T> rows) {
        String pageWhere = after == null ? where.toString() : where + " AND " + alias + "." + key + " < :after";
        JdbcClient.StatementSpec page = jdbc.sql(
                        select + " FROM " + from + pageWhere + " ORDER BY " + alias + "." + key + " DESC LIMIT :limit")
                .params(params)
                .param("limit", limit + 1);
        if (after != null) {
            page = page.param("after", after);
        }
        List<T> found = page.query(rows).list();
        long total = jdbc.sql("SELECT count(*) FROM " + from + where)
                .params(params)
                .query(Long.class)
                .single();
        boolean hasMore = found.size() > limit;
        return new Page<>(hasMore ? found.subList(0, limit) : found, hasMore, total);
    }
}
