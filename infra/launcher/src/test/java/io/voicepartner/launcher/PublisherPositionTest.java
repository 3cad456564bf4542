package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How far the publisher got, read from its token as Axon stores it. */
class PublisherPositionTest {

    @Test
    void aTrackingTokenSaysItsIndex() {
        assertThat(Republish.position(bytes("{\"index\":11465,\"gaps\":[11460]}")))
                .isEqualTo(OptionalLong.of(11465));
    }

    @Test
    void aReplayTokenSaysWhereItIsNotWhereItReplaysTo() {
        assertThat(Republish.position(bytes("{\"tokenAtReset\":{\"@class\":\"org.axonframework.eventhandling."
                        + "GapAwareTrackingToken\",\"index\":100024,\"gaps\":[]},\"currentToken\":{\"@class\":"
                        + "\"org.axonframework.eventhandling.GapAwareTrackingToken\",\"index\":4200,\"gaps\":[]},"
                        + "\"context\":null}")))
                .isEqualTo(OptionalLong.of(4200));
    }

    @Test
    void aReplayTokenBeforeItsFirstBatchHasNoPosition() {
        assertThat(Republish.position(bytes("{\"tokenAtReset\":{\"index\":100024,\"gaps\":[]},\"currentToken\":null}")))
                .isEmpty();
        assertThat(Republish.position(null)).isEmpty();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
