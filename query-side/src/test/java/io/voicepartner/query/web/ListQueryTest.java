package io.voicepartner.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.query.consuming.ReadModelDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The list read every resource shares, on a table shaped like theirs: one owner's live rows, newest id first,
 * pages after a cursor, the total the filters match. Ids here sort like UUIDv7s: {@code item-01} is the oldest.
 */
class ListQueryTest {

    private static final String OWNER = "owner-lists";

    private static ReadModelDatabase database;

    @BeforeAll
    static void createItems() {
        database = ReadModelDatabase.create();
        database.jdbc()
                .sql("CREATE TABLE query.items (id VARCHAR(64) PRIMARY KEY, owner_id VARCHAR(64) NOT NULL, "
                        + "name TEXT NOT NULL, kind TEXT NOT NULL, deleted_at TIMESTAMPTZ)")
                .update();
        for (int n = 1; n <= 7; n++) {
            insert(
                    String.format("item-%02d", n),
                    OWNER,
                    "Item " + n + (n == 3 ? " 100%_off" : ""),
                    n % 2 == 0 ? "even" : "odd",
                    false);
        }
        insert("item-08", OWNER, "Item 8 (deleted)", "even", true);
        insert("item-09", "someone-else", "Item 9 of another owner", "odd", false);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void theFirstPageIsTheNewestOfTheOwnersLiveRowsWithTheTotal() {
        ListQuery.Page<String> page = ListQuery.ownedBy("i", OWNER)
                .fetch(database.jdbc(), "SELECT i.id", "query.items i", null, 3, (rs, n) -> rs.getString("id"));

        assertThat(page.items()).containsExactly("item-07", "item-06", "item-05");
        assertThat(page.hasMore()).isTrue();
        assertThat(page.total()).isEqualTo(7);
    }

    @Test
    void followingTheCursorsVisitsEveryRowOnceAndTheLastPageHasNoNext() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ListQuery.Page<String> page = ListQuery.ownedBy("i", OWNER)
                    .fetch(
                            database.jdbc(),
                            "SELECT i.id",
                            "query.items i",
                            Cursors.decode(cursor),
                            3,
                            (rs, n) -> rs.getString("id"));
            seen.addAll(page.items());
            cursor = page.meta(3, id -> id).nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("item-07", "item-06", "item-05", "item-04", "item-03", "item-02", "item-01");
    }

    @Test
    void filtersNarrowThePageAndTheTotalAlike() {
        ListQuery.Page<String> page = ListQuery.ownedBy("i", OWNER)
                .equal("kind", "even")
                .fetch(database.jdbc(), "SELECT i.id", "query.items i", null, 50, (rs, n) -> rs.getString("id"));

        assertThat(page.items()).containsExactly("item-06", "item-04", "item-02");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void noFilterIsAppliedForANullValue() {
        assertThat(ListQuery.ownedBy("i", OWNER)
                        .equal("kind", null)
                        .containing("name", null)
                        .fetch(database.jdbc(), "SELECT i.id", "query.items i", null, 50, (rs, n) -> rs.getString("id"))
                        .total())
                .isEqualTo(7);
    }

    @Test
    void searchTextIsFoundAnywhereIgnoringCaseWithItsWildcardsTakenLiterally() {
        assertThat(names(ListQuery.ownedBy("i", OWNER).containing("name", "100%_OFF")))
                .containsExactly("item-03");
        assertThat(names(ListQuery.ownedBy("i", OWNER).containing("name", "%"))).containsExactly("item-03");
        assertThat(names(ListQuery.ownedBy("i", OWNER).containing("name", "item 10")))
                .isEmpty();
    }

    @Test
    void aConditionOfTheResourcesOwnTakesItsNamedParameters() {
        assertThat(names(ListQuery.ownedBy("i", OWNER).condition("i.id > :from", Map.of("from", "item-05"))))
                .containsExactly("item-07", "item-06");
    }

    private static List<String> names(ListQuery query) {
        return query.fetch(database.jdbc(), "SELECT i.id", "query.items i", null, 50, (rs, n) -> rs.getString("id"))
                .items();
    }

    private static void insert(String id, String owner, String name, String kind, boolean deleted) {
        database.jdbc()
                .sql("INSERT INTO query.items (id, owner_id, name, kind, deleted_at) VALUES (?, ?, ?, ?, "
                        + (deleted ? "now()" : "NULL") + ")")
                .params(id, owner, name, kind)
                .update();
    }
}
