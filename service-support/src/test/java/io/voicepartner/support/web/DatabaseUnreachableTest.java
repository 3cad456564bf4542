package io.voicepartner.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class DatabaseUnreachableTest {

    @Test
    void aLostOrRefusedConnectionIsTheDatabaseBeingUnreachableHoweverDeepItIsWrapped() {
        SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        RuntimeException axonWrapped = new IllegalStateException("append failed", new RuntimeException(ioError));

        assertThat(DatabaseUnreachable.causes(axonWrapped)).isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(DatabaseUnreachable.causes(new RuntimeException(
                        new SQLException("FATAL: terminating connection due to idle-in-transaction timeout", "25P03"))))
                .isTrue();
        assertThat(DatabaseUnreachable.causes(new SQLTransientConnectionException("pool timed out")))
                .isTrue();
        assertThat(DatabaseUnreachable.causes(new CannotGetJdbcConnectionException("no connection")))
                .isTrue();
    }

    @Test
    void aStatementAskedOfAConnectionThePoolClosedAsBrokenIsToo() {
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(
                    "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection",
                    "lambda$getClosedConnection$0",
                    "ProxyConnection.java",
                    562)
        });

        assertThat(DatabaseUnreachable.causes(new IllegalStateException("Failed to create a SQL statement", closed)))
                .isTrue();
    }

    @Test
    void aRefusedStatementOrABugIsNot() {
        SQLException uniqueViolation = new SQLException("duplicate key", "23505");

        assertThat(DatabaseUnreachable.causes(new DataIntegrityViolationException("dup", uniqueViolation)))
                .isFalse();
        assertThat(DatabaseUnreachable.causes(new SQLException("no state"))).isFalse();
        assertThat(DatabaseUnreachable.causes(new NullPointerException())).isFalse();
    }
}
