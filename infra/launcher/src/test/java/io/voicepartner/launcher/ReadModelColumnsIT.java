package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.EventLimits;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The read models' and analytics' bounded string columns, as their migrations left them in the catalogue, are
 * exactly the ones the event contract declares, with the same length: a migration that narrows or adds a
 * {@code varchar(n)} column without the edge checking it (or the other way round) fails here, before an event
 * that the column cannot store is ever accepted (ADR 0019).
 */
class ReadModelColumnsIT extends PlatformIT {

    @Test
    void everyBoundedColumnHasTheLengthTheContractDeclares() throws Exception {
        Map<String, Integer> bounded = new TreeMap<>();
        try (Connection database = StoredEvents.connect();
                ResultSet columns = database.createStatement().executeQuery("""
                     SELECT table_schema || '.' || table_name || '.' || column_name, character_maximum_length
                     FROM information_schema.columns
                     WHERE table_schema IN ('query', 'analytics')
                       AND data_type IN ('character varying', 'character')
                       AND table_name NOT LIKE 'flyway%'""")) {
            while (columns.next()) {
                bounded.put(columns.getString(1), columns.getObject(2) == null ? null : columns.getInt(2));
            }
        }
        bounded.keySet().removeAll(EventLimits.NOT_EVENT_DATA);

        assertThat(bounded)
                .as("bounded columns holding event data, and their length")
                .containsExactlyInAnyOrderEntriesOf(EventLimits.BOUNDED_COLUMNS);
    }
}
