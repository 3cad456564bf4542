package io.voicepartner.command.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs a command marked {@value #METADATA} in its metadata as any other, then rolls it back (ADR 0037). The aggregate
 * decides, its events are staged, appended and applied by the lookups in the same transaction (so uniqueness and
 * ownership are checked as for real); as the last step before the commit, this throws {@link RolledBack} carrying the
 * events and the handler's result: the unit of work and its transaction roll back, so no event, lookup row or
 * snapshot exists and the publisher never sees anything. The step is registered after the handler ran, so it runs
 * after the event bus's own (the append and the lookups), which registered when the first event was applied.
 */
@Component
class DryRunInterceptor
        implements MessageHandlerInterceptor<CommandMessage<?>>, MessageDispatchInterceptor<EventMessage<?>> {

    static final String METADATA = "dry_run";
    private static final String STAGED = DryRunInterceptor.class.getName() + ".staged";

    /** The end of a dry run: not a failure, the command's outcome with what it would have recorded. */
    static final class RolledBack extends RuntimeException {

        private final transient Object result;
        private final transient List<EventMessage<?>> events;

        RolledBack(Object result, List<EventMessage<?>> events) {
            super("dry run: rolled back", null, false, false);
            this.result = result;
            this.events = List.copyOf(events);
        }

        Object result() {
            return result;
        }

        List<EventMessage<?>> events() {
            return events;
        }
    }

    DryRunInterceptor(CommandBus commandBus, EventStore eventStore) {
        commandBus.registerHandlerInterceptor(this);
        eventStore.registerDispatchInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (!Boolean.TRUE.equals(unitOfWork.getMessage().getMetaData().get(METADATA))) {
            return interceptorChain.proceed();
        }
        List<EventMessage<?>> staged = new ArrayList<>();
        unitOfWork.resources().put(STAGED, staged);
        Object result = interceptorChain.proceed();
        unitOfWork.onPrepareCommit(u -> {
            throw new RolledBack(result, staged);
        });
        return result;
    }

    /** Called as the events are about to be appended: a dry run's are kept to be answered. */
    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        CurrentUnitOfWork.ifStarted(unitOfWork -> {
            List<EventMessage<?>> staged = unitOfWork.root().getResource(STAGED);
            if (staged != null) {
                staged.addAll(messages);
            }
        });
        return (index, message) -> message;
    }
}
