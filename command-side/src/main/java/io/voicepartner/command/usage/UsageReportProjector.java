package io.voicepartner.command.usage;

import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.tool.ToolExecuted;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Remembers each recorded report id in the transaction of its append (the subscribing lookups processor). */
@Component
@ProcessingGroup("lookups")
class UsageReportProjector {

    private final UsageReportTable table;

    UsageReportProjector(UsageReportTable table) {
        this.table = table;
    }

    @EventHandler
    void on(ToolExecuted event) {
        table.recorded(event.toolId(), event.executionId());
    }

    @EventHandler
    void on(CallRecorded event) {
        table.recorded(event.phoneNumberId(), event.callId());
    }
}
