package io.voicepartner.query.actor;

import io.voicepartner.support.personal.PersonalData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Completes the actors of a page (of the audit log, of a history) in one read per kind for the whole page: each user
 * with their e-mail address from {@code query.users}, each API key with its prefix from {@code query.api_keys}
 * (revoked ones too: what a key did stays its). The one place that knows where an actor's details are kept, so that
 * the audit log and every history show the same actor object. Read when the page is read, never copied into the
 * entries: what the read models say now (an address changed or erased) is what every entry shows.
 */
@Repository
public class Actors {

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    Actors(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /**
     * @param actorOf   an item's actor as recorded
     * @param withActor the item with its actor replaced
     * @return the items in their order, each with its actor completed as far as the read models know it
     */
    public <T> List<T> complete(List<T> items, Function<T, ActorView> actorOf, BiFunction<T, ActorView, T> withActor) {
        Map<ActorView, ActorView> completed = lookUp(items.stream().map(actorOf).toList());
        return items.stream()
                .map(item -> withActor.apply(item, completed.get(actorOf.apply(item))))
                .toList();
    }

    /** @return every actor given, completed, keyed by the actor as given */
    private Map<ActorView, ActorView> lookUp(Collection<ActorView> actors) {
        Map<String, String> emails = column(actors, ActorView.Type.USER, "SELECT id, email FROM query.users");
        // sealed with each user's key (ADR 0034): an erased user's address opens to nothing
        Map<String, String> opened = personalData.openAll(emails.values());
        Map<String, String> prefixes = column(actors, ActorView.Type.API_KEY, "SELECT id, prefix FROM query.api_keys");
        return actors.stream().distinct().collect(Collectors.toMap(Function.identity(), actor -> switch (actor.type()) {
            case USER -> new ActorView(actor.type(), actor.id(), opened.get(emails.get(actor.id())), null);
            case API_KEY -> new ActorView(actor.type(), actor.id(), null, prefixes.get(actor.id()));
            case SYSTEM -> actor;
        }));
    }

    /**
     * @param select the statement without its condition, answering an id and the value kept for it
     * @return the value of each actor of the type, by id; one read, none when the page has no such actor
     */
    private Map<String, String> column(Collection<ActorView> actors, ActorView.Type type, String select) {
        String[] ids = actors.stream()
                .filter(actor -> actor.type() == type)
                .map(ActorView::id)
                .distinct()
                .toArray(String[]::new);
        if (ids.length == 0) {
            return Map.of();
        }
        // positional: a named array parameter would be expanded into a list of parameters
        return jdbc
                .sql(select + " WHERE id = ANY(?)")
                .param(ids)
                .query((row, n) -> Map.entry(row.getString(1), row.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
