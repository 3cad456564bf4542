package io.voicepartner.bench.axon;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** The trivial aggregate: created, renamed; an empty name is refused, so that it decides something. */
@Aggregate
class Item {

    @SuppressWarnings("UnusedVariable") // read by Axon, by reflection
    @AggregateIdentifier
    private String id;

    Item() {}

    @CommandHandler
    Item(CreateItem command) {
        requireName(command.name());
        apply(new ItemCreated(command.id(), command.name()));
    }

    @CommandHandler
    void handle(RenameItem command) {
        requireName(command.name());
        apply(new ItemRenamed(command.id(), command.name()));
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an item needs a name");
        }
    }

    @EventSourcingHandler
    void on(ItemCreated event) {
        id = event.id();
    }
}
