package io.voicepartner.query.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import io.voicepartner.support.json.JsonConventions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How {@code query.assistants} reads back: a single read ({@link AssistantRows#find}, one statement with its
 * relations) and a page ({@link AssistantRows#list}, the page's relations read for all of it at once) show an
 * assistant alike: with its live tools and files only, in the order they were assigned, each file with the
 * assistant's configuration for it.
 */
class AssistantRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static ReadModelDatabase database;
    private static AssistantRows rows;

    private final String owner = "owner-" + UUID.randomUUID();
    private final String assistantId = UUID.randomUUID().toString();

    @BeforeAll
    static void createDatabase() {
        database = ReadModelDatabase.create();
        rows = new AssistantRows(database.jdbc(), JsonConventions.newObjectMapper());
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @BeforeEach
    void createTheAssistant() {
        database.project(() ->
                rows.insert(assistantId, owner, owner, AssistantProjectorTest.configuration("Receptionist"), 1, NOW));
    }

    @Test
    void aSingleReadShowsTheLiveToolsAndFilesInTheOrderAssignedAsAPageDoes() {
        String weather = tool("Weather", null);
        String gone = tool("Gone", NOW);
        String calendar = tool("Calendar", null);
        String prices = file("prices.csv");
        String faq = file("faq.pdf");
        database.project(() -> {
            rows.addTools(assistantId, List.of(weather, gone, calendar), 10);
            rows.addFiles(assistantId, List.of(prices, faq), 20);
            rows.configureFile(assistantId, prices, Map.of("priority", 1, "chunking", Map.of("size", 512)));
        });

        AssistantView one = rows.find(owner, assistantId).orElseThrow();

        assertThat(one.tools())
                .containsExactly(
                        new AssistantView.AssignedTool(
                                weather, "Weather", "https://example.com/weather", "GET", "info"),
                        new AssistantView.AssignedTool(
                                calendar, "Calendar", "https://example.com/calendar", "GET", "info"));
        assertThat(one.files())
                .containsExactly(
                        new AssistantView.AssignedFile(
                                prices,
                                "prices.csv",
                                "processed",
                                Map.of("priority", 1, "chunking", Map.of("size", 512))),
                        new AssistantView.AssignedFile(faq, "faq.pdf", "processed", Map.of()));
        assertThat(rows.list(owner, new AssistantRows.Filter(null, null, null), null, 10)
                        .items())
                .containsExactly(one);
    }

    @Test
    void anAssistantWithoutToolsOrFilesHasEmptyLists() {
        AssistantView one = rows.find(owner, assistantId).orElseThrow();

        assertThat(one.name()).isEqualTo("Receptionist");
        assertThat(one.tools()).isEmpty();
        assertThat(one.files()).isEmpty();
    }

    @Test
    void anotherOwnersAssistantIsNotThere() {
        assertThat(rows.find("someone-else", assistantId)).isEmpty();
    }

    private String tool(String name, Instant deletedAt) {
        String id = UUID.randomUUID().toString();
        database.jdbc()
                .sql("INSERT INTO query.tools (id, owner_id, created_by, revision, name, endpoint, method, category, "
                        + "parameters, headers, authentication, is_active, created_at, updated_at, deleted_at) "
                        + "VALUES (?, ?, ?, 1, ?, ?, 'GET', 'info', '{}', '{}', '{}', true, ?, ?, ?)")
                .params(
                        id,
                        owner,
                        owner,
                        name,
                        "https://example.com/" + name.toLowerCase(Locale.ROOT),
                        Timestamp.from(NOW),
                        Timestamp.from(NOW),
                        deletedAt == null ? null : Timestamp.from(deletedAt))
                .update();
        return id;
    }

    private String file(String filename) {
        String id = UUID.randomUUID().toString();
        database.jdbc()
                .sql("INSERT INTO query.files (id, owner_id, created_by, revision, filename, original_name, "
                        + "file_type, file_size, storage_location, sha256, status, created_at, updated_at) "
                        + "VALUES (?, ?, ?, 1, ?, ?, 'txt', 1, 'files/x', ?, 'processed', ?, ?)")
                .params(id, owner, owner, filename, filename, "00".repeat(32), Timestamp.from(NOW), Timestamp.from(NOW))
                .update();
        return id;
    }
}
