package io.voicepartner.query.webhook;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A delivery's body is the public event frozen when it was taken from the feed, its actor's e-mail address opened in
 * it (ADR 0032): the one copy of a person's address in clear that the deletion of their key does not reach. When the
 * person is erased, the address leaves every delivery they acted in, as an erased actor shows in the feed (no
 * {@code email}); a delivery taken from the feed after their key is gone opens to nothing already. Pending deliveries
 * go out in the erased form; what a receiver stored before is the customer's to erase.
 */
@Component
public class ErasedActors {

    private final JdbcClient jdbc;

    public ErasedActors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A scan of the deliveries kept (30 days of them): an erasure is rare, and a delivery is found by no index. */
    public void forget(String userId) {
        jdbc.sql("UPDATE query.webhook_deliveries SET body = CAST(CAST(body AS jsonb) #- '{actor,email}' AS text) "
                        + "WHERE CAST(body AS jsonb) -> 'actor' ->> 'type' = 'user' "
                        + "AND CAST(body AS jsonb) -> 'actor' ->> 'id' = ? "
                        + "AND CAST(body AS jsonb) -> 'actor' -> 'email' IS NOT NULL")
                .param(userId)
                .update();
    }
}
