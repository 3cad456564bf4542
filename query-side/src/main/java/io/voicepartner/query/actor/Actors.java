package io.voicepartner.query.actor;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Completes the actors of a page (of the audit log, of a history) in one read for the whole page: each user with
 * their e-mail address from {@code query.users}. The one place that knows where an actor's details are kept, so that
 * the audit log and every history show the same actor object. Read when the page is read, never copied into the
 * entries: what the users read model says now (an address changed or erased) is what every entry shows.
 *
 * <p>An API key is shown by its id; its prefix belongs here too, read from the keys' read model the same way, once
 * the query side keeps one.
 */
@Repository
public class Actors {

    private final JdbcClient jdbc;

    Actors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param actorOf   an item's actor as recorded
     * @param withActor the item with its actor replaced
     * @return the items in their order, each with its actor completed as far as the read models know it
     */
    public <T> List<T> complete(List<T> items, Function<T, ActorView> actorOf, BiFunction<T, ActorView, T> withActor) {
        Map<ActorView, ActorView> completed = lookUp(items.stream().map(actorOf).toList());
        return items.stream().map(item -> withActor.apply(item, completed.get(actorOf.apply(item)))).toList();
    }

    /** @return every actor given, completed, keyed by the actor as given */
    private Map<ActorView, ActorView> lookUp(Collection<ActorView> actors) {
        String[] users = actors.stream().filter(actor -> actor.type() == ActorView.Type.USER).map(ActorView::id)
                .distinct().toArray(String[]::new);
        Map<String, String> emails = users.length == 0 ? Map.of()
                : jdbc.sql("SELECT id, email FROM query.users WHERE id = ANY(?)")
                        .param(users)
                        .query((row, n) -> Map.entry(row.getString("id"), row.getString("email")))
                        .list().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return actors.stream().distinct().collect(Collectors.toMap(Function.identity(), actor ->
                actor.type() == ActorView.Type.USER
                        ? new ActorView(actor.type(), actor.id(), emails.get(actor.id()), null)
                        : actor));
    }
}
