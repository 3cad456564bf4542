package io.voicepartner.support.persistence;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL location given either as a JDBC URL or in the {@code postgresql://user:pass@host:port/db}
 * form that hosting platforms hand out, turned into what the JDBC driver takes.
 */
public record DatabaseUrl(String jdbcUrl, Optional<String> username, Optional<String> password) {

    private static final String JDBC_PREFIX = "jdbc:postgresql://";

    public static DatabaseUrl parse(String value) {
        String url = value.trim();
        if (url.startsWith("jdbc:")) {
            return new DatabaseUrl(url, Optional.empty(), Optional.empty());
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "DATABASE_URL must be a jdbc:postgresql:// or postgresql://user:pass@host:port/db URL");
        }
        URI uri = URI.create(url);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host");
        }
        String port = uri.getPort() == -1 ? "5432" : Integer.toString(uri.getPort());
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1
                ? "postgres"
                : decode(uri.getRawPath().substring(1));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = Optional.of(decode(parts[0]));
            password = parts.length > 1 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        return new DatabaseUrl(JDBC_PREFIX + uri.getHost() + ":" + port + "/" + database + query, username, password);
    }

    /** The database name in the JDBC URL. */
    public String databaseName() {
        String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "postgres";
        }
        String name = rest.substring(slash + 1);
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** The same server's maintenance database, from which a missing database can be created. */
    public String maintenanceJdbcUrl() {
        String name = databaseName();
        int at = jdbcUrl.indexOf("/" + name, jdbcUrl.indexOf("//") + 2);
        return jdbcUrl.substring(0, at) + "/postgres" + jdbcUrl.substring(at + 1 + name.length());
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
