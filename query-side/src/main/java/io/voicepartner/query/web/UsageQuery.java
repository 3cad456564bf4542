package io.voicepartner.query.web;

import io.voicepartner.api.web.PageMeta;
import io.voicepartner.support.web.ApiException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list read of a resource's usage (a tool's executions, a number's calls), and of an organization's audit log:
 * its rows, newest first by when they happened ({@code occurred_at}, then id), narrowed by {@code from} (included)
 * and {@code to} (excluded) and by equality filters, one page after an opaque cursor holding the last row's time
 * and id.
 */
public final class UsageQuery {

    /** Where a page ends: the last row's time and id; the next page starts after it. */
    public record Position(Instant occurredAt, String id) {

        String cursor() {
            return Cursors.encode(occurredAt + "|" + id);
        }
    }

    /** One page; {@code hasMore} says whether a next page exists. */
    public record Page<T>(List<T> items, boolean hasMore, long total, Position last) {

        public PageMeta meta(int limit) {
            return new PageMeta(limit, hasMore ? last.cursor() : null, total);
        }
    }

    private final String table;
    private final StringBuilder where;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private boolean filtered;

    private UsageQuery(String table, String condition, Map<String, Object> conditionParams) {
        this.table = table;
        this.where = new StringBuilder(" WHERE " + condition);
        params.putAll(conditionParams);
    }

    /** @param table the usage table, qualified ({@code query.tool_executions}) */
    public static UsageQuery of(String table, String resourceColumn, String resourceId, String ownerId) {
        return new UsageQuery(
                table,
                resourceColumn + " = :resource AND owner_id = :owner_id",
                Map.of("resource", resourceId, "owner_id", ownerId));
    }

    /** The rows of one organization in a table of the organization's own (the audit log), qualified. */
    public static UsageQuery ofOrganization(String table, String organizationId) {
        return new UsageQuery(table, "organization_id = :organization_id", Map.of("organization_id", organizationId));
    }

    /** Keeps the rows whose column equals the value; no filter when the value is {@code null}. */
    public UsageQuery equal(String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = :").append(column);
            params.put(column, value);
            filtered = true;
        }
        return this;
    }

    /** Keeps the rows that happened from {@code from} (included) until {@code to} (excluded); either may be unset. */
    public UsageQuery between(Instant from, Instant to) {
        if (from != null) {
            where.append(" AND occurred_at >= :from");
            params.put("from", Timestamp.from(from));
            filtered = true;
        }
        if (to != null) {
            where.append(" AND occurred_at < :to");
            params.put("to", Timestamp.from(to));
            filtered = true;
        }
        return this;
    }

    /**
     * @param columns    the columns to read, including {@code occurred_at} and {@code id}
     * @param after      where the previous page ended, or {@code null} for the first
     * @param unfiltered the number of all the resource's rows, kept as a counter: counting a busy tool's executions
     *                   for every page would cost more than the page
     * @param position   the position of a row, for the cursor
     */
    public <T> Page<T> fetch(
            JdbcClient jdbc,
            String columns,
            Position after,
            int limit,
            RowMapper<T> rows,
            Function<T, Position> position,
            LongSupplier unfiltered) {
        String pageWhere = where.toString();
        Map<String, Object> pageParams = new LinkedHashMap<>(params);
        if (after != null) {
            pageWhere += " AND (occurred_at, id) < (:after_at, :after_id)";
            pageParams.put("after_at", Timestamp.from(after.occurredAt()));
            pageParams.put("after_id", after.id());
        }
        List<T> found = jdbc.sql("SELECT " + columns + " FROM " + table + pageWhere
                        + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                .params(pageParams)
                .param("limit", limit + 1)
                .query(rows)
                .list();
        long total = filtered
                ? jdbc.sql("SELECT count(*) FROM " + table + where)
                        .params(params)
                        .query(Long.class)
                        .single()
                : unfiltered.getAsLong();
        boolean hasMore = found.size() > limit;
        List<T> page = hasMore ? found.subList(0, limit) : found;
        return new Page<>(page, hasMore, total, page.isEmpty() ? null : position.apply(page.get(page.size() - 1)));
    }

    /** @return where to continue, or {@code null} for the first page */
    public static Position position(ListParameters parameters, String cursor) {
        return parameters.parsed("cursor", cursor, value -> {
            String decoded;
            try {
                decoded = Cursors.decode(value);
            } catch (ApiException e) {
                throw new IllegalArgumentException("is not a cursor this API issued");
            }
            if (decoded == null) {
                return null;
            }
            int separator = decoded.lastIndexOf('|');
            try {
                return new Position(
                        Instant.parse(decoded.substring(0, Math.max(separator, 0))), decoded.substring(separator + 1));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("is not a cursor this API issued");
            }
        });
    }

    /** {@code to}, which must lie after {@code from} when both are given. */
    public static Instant after(Instant from, Instant to) {
        if (from != null && !to.isAfter(from)) {
            throw new IllegalArgumentException("must be after from");
        }
        return to;
    }

    /** An id to match exactly; one longer than any id can be is a mistake. */
    public static String id(String value) {
        if (value.length() > 64) {
            throw new IllegalArgumentException("must be at most 64 characters");
        }
        return value;
    }

    /** An RFC 3339 time with its offset ({@code 2026-01-15T10:30:00Z}, {@code 2026-01-15T11:30:00+01:00}). */
    public static Instant time(String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an RFC 3339 time with an offset, e.g. 2026-01-15T10:30:00Z");
        }
    }
}
