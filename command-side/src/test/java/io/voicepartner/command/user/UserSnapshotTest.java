package io.voicepartner.command.user;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;

import io.voicepartner.api.user.UserRegistered;
import org.junit.jupiter.api.Test;

/**
 * A user's snapshot is its id and revision alone: the e-mail and the password hash are kept in the credentials table.
 */
class UserSnapshotTest {

    private static final String USER_ID = "0190f2c4-0000-7000-8000-0000000a11ce";

    @Test
    void keepsTheUsersIdentity() {
        User user = sourcedFrom(User.class, USER_ID, new UserRegistered(USER_ID, "ada@example.com", "Ada"));

        assertRoundTrips(user);
        assertStoredAsGolden(user);
    }
}
