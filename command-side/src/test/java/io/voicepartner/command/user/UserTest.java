package io.voicepartner.command.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.user.ChangePassword;
import io.voicepartner.api.user.EraseUser;
import io.voicepartner.api.user.ErasureRequested;
import io.voicepartner.api.user.PasswordChanged;
import io.voicepartner.api.user.RegisterUser;
import io.voicepartner.api.user.RequestErasure;
import io.voicepartner.api.user.SignOut;
import io.voicepartner.api.user.SignedOut;
import io.voicepartner.api.user.UserErased;
import io.voicepartner.api.user.UserRegistered;
import io.voicepartner.command.eventstore.CommandRouting;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a user account decides. */
class UserTest {

    private static final String USER_ID = "0190f2c4-0000-7000-8000-0000000a11ce";

    private FixtureConfiguration<User> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(User.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
    }

    @Test
    void registersAUserWithTheirEmailAndName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterUser(USER_ID, "alice@example.com", "Alice"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserRegistered(USER_ID, "alice@example.com", "Alice"));
    }

    @Test
    void recordsAPasswordChangeWithTheNewTokenGenerationAndAnswersTheRevision() {
        fixture.given(new UserRegistered(USER_ID, "alice@example.com", "Alice"))
                .when(new ChangePassword(USER_ID, 1))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(2L)
                .expectEvents(new PasswordChanged(USER_ID, 1));
    }

    @Test
    void recordsASignOutWithTheTokenItRevokes() {
        Instant expiresAt = Instant.parse("2026-12-04T22:30:00Z");
        fixture.given(new UserRegistered(USER_ID, "alice@example.com", "Alice"), new PasswordChanged(USER_ID, 1))
                .when(new SignOut(USER_ID, "token-1", expiresAt))
                .expectResultMessagePayload(3L)
                .expectEvents(new SignedOut(USER_ID, "token-1", expiresAt));
    }

    /** The erasure revokes every token from its record on, on every side, long before it is done (ADR 0046). */
    @Test
    void recordsTheRequestedErasureWithTheGenerationThatRevokesEveryTokenAndAnswersTheRevision() {
        fixture.given(new UserRegistered(USER_ID, "alice@example.com", "Alice"), new PasswordChanged(USER_ID, 1))
                .when(new RequestErasure(USER_ID, 2))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(3L)
                .expectEvents(new ErasureRequested(USER_ID, 2));
        assertThat(Arrays.stream(ErasureRequested.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("userId", "tokenGeneration");
    }

    @Test
    void recordsTheErasureWithNothingButTheId() {
        fixture.given(new UserRegistered(USER_ID, "alice@example.com", "Alice"), new PasswordChanged(USER_ID, 1))
                .when(new EraseUser(USER_ID))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new UserErased(USER_ID));
        assertThat(Arrays.stream(UserErased.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("userId");
    }

    /** A password change carries neither the password nor its hash: only which tokens it revokes. */
    @Test
    void recordsNoCredentialsInAPasswordChange() {
        assertThat(Arrays.stream(PasswordChanged.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("userId", "tokenGeneration");
    }

    /** Credentials are kept beside the event store: an event is read by strangers and never forgotten. */
    @Test
    void recordsNoCredentialsInTheRegistration() {
        assertThat(Arrays.stream(UserRegistered.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("userId", "email", "name");
    }
}
