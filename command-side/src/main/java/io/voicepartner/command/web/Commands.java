package io.voicepartner.command.web;

import io.voicepartner.support.web.RequestIdFilter;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/** Sends a command on behalf of the caller, who becomes the {@code actor} of every event it causes. */
@Component
public class Commands {

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command, String actor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("actor", actor);
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            metaData.put("request_id", requestId);
        }
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
    }
}
