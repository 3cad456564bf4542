package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firewall's header checks allow exactly what Spring Security's default expressions allow, on real headers and
 * on random text drawn from every kind of character: controls, tabs, unassigned code points, lone surrogates.
 */
class HeaderCharactersTest {

    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void allowsWhatARealRequestSends() {
        assertThat(HeaderCharacters.allowedName("Authorization")).isTrue();
        assertThat(HeaderCharacters.allowedValue("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln-_="))
                .isTrue();
        assertThat(HeaderCharacters.allowedValue("de-DE,de;q=0.9\tüñí 🎙")).isTrue();
        assertThat(HeaderCharacters.allowedValue("")).isTrue();
    }

    @Test
    void refusesControlsAndUnassignedCharacters() {
        assertThat(HeaderCharacters.allowedValue("a\r\nSet-Cookie: x")).isFalse();
        assertThat(HeaderCharacters.allowedValue("a\u0000")).isFalse();
        assertThat(HeaderCharacters.allowedValue("\u0378")).isFalse();
        assertThat(HeaderCharacters.allowedName("X-Name\t")).isFalse();
        assertThat(HeaderCharacters.allowedValue("a\tb")).isTrue();
    }

    @Test
    void agreesWithSpringSecuritysExpressionsOnRandomText() {
        Random random = new Random(23);
        int[][] ranges = {
            {0, 0x20},
            {0x20, 0x7f},
            {0x7f, 0xa0},
            {0xa0, 0x800},
            {0x0370, 0x0380},
            {0xd800, 0xe000},
            {0xe000, 0x10000},
            {0x10000, 0x110000}
        };
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(6); length > 0; length--) {
                int[] range = ranges[random.nextInt(ranges.length)];
                text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0]));
            }
            String sample = text.toString();
            assertThat(HeaderCharacters.allowedName(sample))
                    .as("name %s", sample.codePoints().boxed().toList())
                    .isEqualTo(NAME.matcher(sample).matches());
            assertThat(HeaderCharacters.allowedValue(sample))
                    .as("value %s", sample.codePoints().boxed().toList())
                    .isEqualTo(VALUE.matcher(sample).matches());
        }
    }
}
