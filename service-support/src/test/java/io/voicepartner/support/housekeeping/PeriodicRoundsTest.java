package io.voicepartner.support.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * Work that becomes due while a round runs (a delivery added while the previous ones are sent) must not wait the
     * interval: the round under way may have read before it came.
     */
    @Test
    void aWakeDuringARoundRunsAnotherRightAfterIt() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        AtomicInteger rounds = new AtomicInteger();
        PeriodicRounds hourly = new PeriodicRounds("hourly", Duration.ofHours(1)) {
            @Override
            protected void round() {
                if (rounds.incrementAndGet() == 1) {
                    firstStarted.countDown();
                    await(finishFirst);
                } else {
                    second.countDown();
                }
            }
        };
        hourly.start();
        try {
            hourly.wake();
            assertThat(firstStarted.await(30, TimeUnit.SECONDS)).isTrue();
            hourly.wake();
            hourly.wake();
            finishFirst.countDown();

            assertThat(second.await(30, TimeUnit.SECONDS))
                    .as("a round after the one the wakes came during")
                    .isTrue();
        } finally {
            hourly.stop();
            hourly.destroy();
        }
    }

    @Test
    void aWakeInADelayRunsARoundThenNotAtTheInterval() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicLong ranAt = new AtomicLong();
        PeriodicRounds hourly = new PeriodicRounds("hourly", Duration.ofHours(1)) {
            @Override
            protected void round() {
                ranAt.set(System.nanoTime());
                ran.countDown();
            }
        };
        hourly.start();
        try {
            long asked = System.nanoTime();
            hourly.wakeIn(Duration.ofMillis(100));

            assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(ranAt.get() - asked)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        } finally {
            hourly.stop();
            hourly.destroy();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
