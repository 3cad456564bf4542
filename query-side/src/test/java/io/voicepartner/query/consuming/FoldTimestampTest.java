package io.voicepartner.query.consuming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written timestamps of the folded {@code COPY} read exactly as the formatter they replace wrote them. */
class FoldTimestampTest {

    @Test
    void writesWhatTheFormatterWrote() {
        SplittableRandom random = new SplittableRandom(23);
        for (int n = 0; n < 100_000; n++) {
            long second = random.nextLong(
                    Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-30T00:00:00Z").getEpochSecond());
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            assertSame(Instant.ofEpochSecond(second, nano));
        }
        assertSame(Instant.parse("2026-12-05T06:02:45Z"));
        assertSame(Instant.parse("1970-01-01T00:00:00Z"));
        assertSame(Instant.parse("-0001-06-01T00:00:00Z"));
        assertSame(Instant.parse("+12026-06-01T00:00:00.5Z"));
    }

    private static void assertSame(Instant instant) {
        StringBuilder written = new StringBuilder();
        Fold.appendTimestamp(written, instant);
        assertThat(written.toString()).as(instant.toString()).isEqualTo(Fold.TIMESTAMP.format(instant));
    }
}
