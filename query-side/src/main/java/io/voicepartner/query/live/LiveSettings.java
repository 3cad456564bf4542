package io.voicepartner.query.live;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live streams' limits ({@code voicepartner.live.*}).
 *
 * @param heartbeat   how often an idle stream gets a heartbeat (and every subscriber's feed is read again, in case a
 *                    notification was lost)
 * @param buffer      how many events may wait for one client; a client that lets more pile up is disconnected
 *                    ({@code slow_consumer})
 * @param sendTimeout how long one write may wait on a client before it is disconnected ({@code slow_consumer})
 * @param senders     threads writing to clients, shared by every subscriber of the node
 */
@ConfigurationProperties("voicepartner.live")
record LiveSettings(Duration heartbeat, int buffer, Duration sendTimeout, int senders) {

    LiveSettings {
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("voicepartner.live.heartbeat must be positive");
        }
        if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("voicepartner.live.send-timeout must be positive");
        }
        if (buffer < 1 || senders < 1) {
            throw new IllegalArgumentException("voicepartner.live.buffer and .senders must be at least 1");
        }
    }
}
