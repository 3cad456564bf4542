package io.voicepartner.api.phonenumber;

import java.time.Instant;

/**
 * One call through a phone number as the voice runtime saw it.
 *
 * @param callId    the reporter's id for this call; a report carrying an id already recorded is a re-send
 *                  and is not counted again
 * @param startedAt when the call began, as the reporter says
 */
public record PhoneCall(String callId, long callSeconds, CallDirection direction, String assistantId,
                        Instant startedAt) {
}
