package io.voicepartner.query.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The feed cursor as clients hold it: an opaque string that names the feed's generation and the last event, so that a
 * restore can carry it over (ADR 0041), while the cursors issued before generations keep working as they did.
 */
class FeedCursorTest {

    private static final String EVENT = "01a24281-62b5-76c5-98ab-c36fd5aa1c40";

    @Test
    void aCursorNamesItsGenerationAndItsLastEventAndReadsBackTheSame() {
        FeedCursor cursor = FeedCursor.of("9f86d081884c7d65", 741, 12, EVENT);

        String encoded = cursor.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+");
        assertThat(FeedCursor.decode(encoded)).isEqualTo(cursor);
        assertThat(cursor.of("9f86d081884c7d65")).isTrue();
        assertThat(cursor.of("0123456789abcdef")).isFalse();
    }

    @Test
    void aCursorCarriedOverFromAnotherGenerationKeepsItsFloorOnEveryCursorAfterIt() {
        FeedCursor.Floor floor = new FeedCursor.Floor(Instant.parse("2026-12-04T22:10:00.123456Z"), EVENT);
        FeedCursor carried = new FeedCursor("0123456789abcdef", 0, 0, EVENT, floor);

        FeedCursor next = carried.after(900, 3, "0194f0c2-7c3e-7b5a-9d1e-3f2a1b4c5d6e");

        assertThat(next.floor()).isEqualTo(floor);
        assertThat(next.generation()).isEqualTo("0123456789abcdef");
        assertThat(FeedCursor.decode(next.encode())).isEqualTo(next);
        assertThat(FeedCursor.decode(carried.encode())).isEqualTo(carried);
    }

    @Test
    void aCursorIssuedBeforeGenerationsIsReadAsOfTheCurrentOneAndWrittenAsItCame() {
        // meta.next_cursor as the platform issued it until ADR 0041: "e1.741.12"
        String issued = encoded("e1.741.12");

        FeedCursor cursor = FeedCursor.decode(issued);

        assertThat(cursor).isEqualTo(new FeedCursor(null, 741, 12, null, null));
        assertThat(cursor.of("9f86d081884c7d65")).isTrue();
        assertThat(cursor.encode()).isEqualTo(issued);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "garbage",
                "djE6MTIz",
                // e1.-1.2
                "ZTEuLTEuMg",
                "e2.9f86d081884c7d65.741.12",
                "e2.9f86d081884c7d65.741.12.",
                "e2.9f86d081884c7d65.-741.12." + EVENT,
                "e2.NOT-HEX.741.12." + EVENT,
                "e2.9f86d081884c7d65.741.12." + EVENT + ".5",
                "e2.9f86d081884c7d65.741.12." + EVENT + ".x." + EVENT,
                "e2.9f86d081884c7d65.741.12.a b",
                "e3.9f86d081884c7d65.741.12." + EVENT
            })
    void anythingElseIsRefused(String plain) {
        String cursor = plain.startsWith("e") ? encoded(plain) : plain;

        assertThatIllegalArgumentException()
                .isThrownBy(() -> FeedCursor.decode(cursor))
                .withMessageContaining("is not a cursor of the events feed");
    }

    private static String encoded(String plain) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }
}
