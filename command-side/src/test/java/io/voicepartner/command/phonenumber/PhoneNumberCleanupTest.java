package io.voicepartner.command.phonenumber;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.voicepartner.api.assistant.AssistantDeleted;
import io.voicepartner.api.phonenumber.UnassignPhoneNumber;
import io.voicepartner.command.lookup.LookupTables;
import io.voicepartner.command.web.Commands;
import java.util.List;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.junit.jupiter.api.Test;

/** A deleted assistant's numbers are unassigned by the platform, whatever became of some of them meanwhile. */
class PhoneNumberCleanupTest {

    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String ASSISTANT = "0190f2c4-7d1e-7a3b-9c4d-00000000de5c";
    private static final String FIRST = "0190f2c4-7d1e-7a3b-9c4d-000000000001";
    private static final String SECOND = "0190f2c4-7d1e-7a3b-9c4d-000000000002";

    private final LookupTables lookups = mock(LookupTables.class);
    private final Commands commands = mock(Commands.class);
    private final PhoneNumberCleanup cleanup = new PhoneNumberCleanup(lookups, commands);

    @Test
    void unassignsEveryNumberThatReachesTheDeletedAssistantAsThePlatform() {
        when(lookups.phoneNumbersReaching(ASSISTANT))
                .thenReturn(List.of(new LookupTables.Reach(FIRST, OWNER), new LookupTables.Reach(SECOND, OWNER)));

        cleanup.on(new AssistantDeleted(ASSISTANT, OWNER));

        verify(commands).send(new UnassignPhoneNumber(FIRST, ASSISTANT), "system");
        verify(commands).send(new UnassignPhoneNumber(SECOND, ASSISTANT), "system");
    }

    @Test
    void passesOverANumberDeletedSinceTheLookupWasRead() {
        when(lookups.phoneNumbersReaching(ASSISTANT))
                .thenReturn(List.of(new LookupTables.Reach(FIRST, OWNER), new LookupTables.Reach(SECOND, OWNER)));
        when(commands.send(eq(new UnassignPhoneNumber(FIRST, ASSISTANT)), any()))
                .thenThrow(new AggregateDeletedException(FIRST, "deleted"));

        cleanup.on(new AssistantDeleted(ASSISTANT, OWNER));

        verify(commands).send(new UnassignPhoneNumber(SECOND, ASSISTANT), "system");
    }

    @Test
    void letsAnyOtherFailureThroughSoThatTheEventIsRetried() {
        when(lookups.phoneNumbersReaching(ASSISTANT)).thenReturn(List.of(new LookupTables.Reach(FIRST, OWNER)));
        when(commands.send(any(), any())).thenThrow(new IllegalStateException("database away"));

        assertThatThrownBy(() -> cleanup.on(new AssistantDeleted(ASSISTANT, OWNER)))
                .isInstanceOf(IllegalStateException.class);
    }
}
