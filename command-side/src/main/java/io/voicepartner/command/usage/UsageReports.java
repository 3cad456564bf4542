package io.voicepartner.command.usage;

import java.util.Collection;
import java.util.Set;

/** Which usage reports (executions, calls) a tool or phone number has recorded already. Injected into handlers. */
public interface UsageReports {

    /** @return those of {@code reportIds} that {@code aggregateId} has recorded already */
    Set<String> alreadyRecorded(String aggregateId, Collection<String> reportIds);
}
