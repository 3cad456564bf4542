package io.voicepartner.command.web;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The events a dry-run request's commands would have recorded, in the order they were decided, kept with the request
 * (a route may send more than one command, as a clone does) until its answer is made.
 */
final class WouldBe {

    private static final String ATTRIBUTE = WouldBe.class.getName();

    private WouldBe() {}

    static void record(List<EventMessage<?>> events) {
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        all(attributes).addAll(events);
    }

    static List<EventMessage<?>> events() {
        return List.copyOf(all(RequestContextHolder.currentRequestAttributes()));
    }

    @SuppressWarnings("unchecked")
    private static List<EventMessage<?>> all(RequestAttributes attributes) {
        Object kept = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (kept == null) {
            kept = new ArrayList<EventMessage<?>>();
            attributes.setAttribute(ATTRIBUTE, kept, RequestAttributes.SCOPE_REQUEST);
        }
        return (List<EventMessage<?>>) kept;
    }
}
