package io.voicepartner.command.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.support.web.DryRun;
import io.voicepartner.support.web.RequestIdFilter;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of the caller, who becomes the {@code actor} of every event it causes, and
 * times it ({@code voicepartner.commands}, by command type and outcome): the rate and latency of writes. In a dry
 * run ({@link DryRun}) the command is decided and rolled back ({@link DryRunInterceptor}): its result is answered as
 * usual, and the events it would have recorded are kept for the answer ({@link WouldBe}).
 */
@Component
public class Commands {

    static final String TIMER = "voicepartner.commands";

    private final CommandGateway gateway;
    private final MeterRegistry meters;

    Commands(CommandGateway gateway, MeterRegistry meters) {
        this.gateway = gateway;
        this.meters = meters;
    }

    // the result's type is the command handler's, which only the caller knows (as with Axon's sendAndWait)
    @SuppressWarnings("TypeParameterUnusedInFormals")
    public <R> R send(Object command, String actor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("actor", actor);
        if (DryRun.requested()) {
            metaData.put(DryRunInterceptor.METADATA, true);
        }
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            metaData.put("request_id", requestId);
        }
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            R result = gateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData)));
            outcome = "success";
            return result;
        } catch (DryRunInterceptor.RolledBack rolledBack) {
            outcome = "dry_run";
            WouldBe.record(rolledBack.events());
            @SuppressWarnings("unchecked")
            R result = (R) rolledBack.result();
            return result;
        } catch (Refusal refusal) {
            outcome = refusal.code().wireName();
            throw refusal;
        } catch (AggregateNotFoundException e) {
            outcome = "not_found";
            throw e;
        } catch (ConcurrencyException e) {
            outcome = "conflict";
            throw e;
        } finally {
            sample.stop(meters.timer(TIMER, "command", command.getClass().getSimpleName(), "outcome", outcome));
        }
    }
}
