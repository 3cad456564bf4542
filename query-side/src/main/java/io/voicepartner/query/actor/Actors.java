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
 * Completes the actors of a page (of the audit log, of a history) in one read per kind for the whole page: each user
 * with their e-mail address from {@code query.users}, each API key with its prefix from {@code query.api_keys}. The
 * one place that knows where an actor's details are kept, so that the audit log and every history show the same
 * actor object. Read when the page is read, never copied into the entries: what the read models say now (an address
 * changed or erased) is what every entry shows.
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
        Map<String, String> emails = details(actors, ActorView.Type.USER, "SELECT id, email FROM query.users "
                + "WHERE id = ANY(?)", "email");
        Map<String, String> prefixes = details(actors, ActorView.Type.API_KEY, "SELECT id, prefix FROM query.api_keys "
                + "WHERE id = ANY(?)", "prefix");
        return actors.stream().distinct().collect(Collectors.toMap(Function.identity(), actor -> switch (actor.type()) {
            case USER -> new ActorView(actor.type(), actor.id(), emails.get(actor.id()), null);
            case API_KEY -> new ActorView(actor.type(), actor.id(), null, prefixes.get(actor.id()));
            case SYSTEM -> actor;
        }));
    }

    /** One detail of the actors of one kind, by id, in one read. */
    private Map<String, String> details(Collection<ActorView> actors, ActorView.Type type, String sql, String column) {
        String[] ids = actors.stream().filter(actor -> actor.type() == type).map(ActorView::id).distinct()
                .toArray(String[]::new);
        return ids.length == 0 ? Map.of() : jdbc.sql(sql).param(ids)
                .query((row, n) -> Map.entry(row.getString("id"), row.getString(column)))
                .list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
