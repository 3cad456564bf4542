package io.voicepartner.command.user;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.voicepartner.api.signin.SignInEvent;
import io.voicepartner.api.signin.SignInFailed;
import io.voicepartner.api.signin.SignInSucceeded;
import io.voicepartner.command.web.Ids;
import io.voicepartner.support.personal.PersonalData;
import io.voicepartner.support.web.RequestIdFilter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the sign-ins to accounts, right and wrong, for the audit logs of their users' organizations (ADR 0029).
 * A sign-in is access, not a change of the account: like usage (ADR 0017) it is appended to the event store on its
 * own, outside the user's stream, so it never moves the account's revision, and the store is still the outbox
 * ({@code voicepartner.sign-ins}, keyed by the user's id). It names the organizations the user is a member of at
 * that moment, read from the membership lookup, which is written with the organizations' events; each of them shows
 * it in its audit log.
 *
 * <p>An attempt for an e-mail address no account has belongs to no organization and to nobody's audit log: it is
 * only counted ({@value #SIGN_INS}, {@code outcome=unknown_account}), so that what a stranger typed (at times a
 * password, in the wrong field) is never stored. The client address is personal data: it enters the event sealed with
 * the user's key (ADR 0034).
 */
@Component
class SignIns {

    static final String SIGN_INS = "voicepartner.sign_ins";

    private final JdbcClient jdbc;
    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final Ids ids;
    private final PersonalData personalData;
    private final Clock clock;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter unknownAccount;

    SignIns(
            JdbcClient jdbc,
            EventStore eventStore,
            TransactionTemplate transaction,
            Ids ids,
            PersonalData personalData,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        this.transaction = transaction;
        this.ids = ids;
        this.personalData = personalData;
        this.clock = Clock.systemUTC();
        this.succeeded = counter(meters, "succeeded");
        this.failed = counter(meters, "failed");
        this.unknownAccount = counter(meters, "unknown_account");
    }

    /** The password was right: the user gets a token. */
    void succeeded(String userId, String clientAddress) {
        String sealed = personalData.seal(userId, clientAddress);
        record(userId, organizations -> new SignInSucceeded(userId, organizations, sealed));
        succeeded.increment();
    }

    /** The e-mail address is the user's, and the password was wrong. */
    void failed(String userId, String clientAddress) {
        String sealed = personalData.seal(userId, clientAddress);
        record(userId, organizations -> new SignInFailed(userId, organizations, sealed));
        failed.increment();
    }

    /** No account has the e-mail address: nothing is stored. */
    void unknownAccount() {
        unknownAccount.increment();
    }

    /** The account is the actor of its own sign-in: the one signed in to, which a failed attempt only names. */
    private void record(String userId, Function<List<String>, SignInEvent> event) {
        Map<String, String> metaData = new HashMap<>();
        metaData.put("actor", userId);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            metaData.put("request_id", requestId);
        }
        transaction.executeWithoutResult(status -> eventStore.publish(new GenericEventMessage<>(
                ids.next(), event.apply(organizationsOf(userId)), MetaData.from(metaData), clock.instant())));
    }

    private List<String> organizationsOf(String userId) {
        return jdbc.sql("SELECT organization_id FROM command.membership_lookup WHERE user_id = ? "
                        + "ORDER BY organization_id")
                .param(userId)
                .query(String.class)
                .list();
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder(SIGN_INS)
                .description("Sign-ins at /token by outcome; only unknown_account ones are not in any audit log")
                .tag("outcome", outcome)
                .register(meters);
    }
}
