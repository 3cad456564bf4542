package io.voicepartner.support.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rounds a fixed delay apart, and at once when woken: the work that has just become due does not wait the interval. */
class PeriodicRoundsTest {

    @Test
    void aWokenRoundRunsWithoutWaitingForTheInterval() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        PeriodicRounds hourly = new PeriodicRounds("hourly", Duration.ofHours(1)) {
            @Override
            protected void round() {
                ran.countDown();
            }
        };
        hourly.start();
        try {
            hourly.wake();

            assertThat(ran.await(30, TimeUnit.SECONDS))
                    .as("the round ran an hour early")
                    .isTrue();
        } finally {
            hourly.stop();
            hourly.destroy();
        }
    }

    /** A notification can arrive while the node shuts down: its wake is ignored rather than refused. */
    @Test
    void aWakeAfterTheRoundsStoppedIsIgnored() {
        PeriodicRounds stopped = new PeriodicRounds("stopped", Duration.ofHours(1)) {
            @Override
            protected void round() {}
        };
        stopped.start();
        stopped.stop();
        stopped.destroy();

        assertThatCode(stopped::wake).doesNotThrowAnyException();
    }
}
