package io.voicepartner.command.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestCallSlotsTest {

    private final TestCallSlots slots = new TestCallSlots(2, 3, Duration.ofMillis(9_500));

    @Test
    void aTenantGetsNoMoreThanItsShareWhileOthersStillGetTheirs() {
        slots.take("alice");
        slots.take("alice");

        TestCallSlots.TooManyTestCalls refused =
                catchThrowableOfType(TestCallSlots.TooManyTestCalls.class, () -> slots.take("alice"));

        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getMessage()).contains("2 test calls running").contains("retry in 10 s");
        assertThat(refused.retryAfterSeconds()).isEqualTo(10);
        assertThatCode(() -> slots.take("bob")).doesNotThrowAnyException();
    }

    @Test
    void thePlatformsBoundHoldsForAllTenantsTogether() {
        slots.take("alice");
        slots.take("bob");
        slots.take("carol");

        assertThat(catchThrowableOfType(TestCallSlots.TooManyTestCalls.class, () -> slots.take("dave")))
                .hasMessageContaining("as many test calls as it takes at once");
    }

    @Test
    void aFinishedCallFreesItsSlotOnceHoweverOftenItIsClosed() {
        TestCallSlots.Slot first = slots.take("alice");
        slots.take("alice");
        first.close();
        first.close();

        assertThatCode(() -> slots.take("alice")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(TestCallSlots.TooManyTestCalls.class, () -> slots.take("alice")))
                .isNotNull();
    }
}
