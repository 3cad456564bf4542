package io.voicepartner.query.consuming;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which schema's read-model tables a projection transaction writes to. Projectors write their tables
 * without a schema, and the transaction first sets {@code search_path} for itself alone: the served schema
 * for the live consumer, the shadow schema for a rebuild ({@link ReadModelRebuild}). So one projector keeps
 * both, and a write outside such a transaction fails instead of landing in the wrong tables.
 */
final class ProjectionSchema {

    /** The tables every read answers from. */
    static final String SERVED = ReadModelSchema.SCHEMA;
    /** Where a rebuild builds the tables that replace the served ones. */
    static final String SHADOW = "query_rebuild";

    private ProjectionSchema() {}

    /** Points the unqualified table names of the current transaction at {@code schema}, until it ends. */
    static void writeTo(JdbcClient jdbc, String schema) {
        jdbc.sql("SELECT set_config('search_path', ?, true)")
                .param(schema)
                .query()
                .singleRow();
    }
}
