package io.voicepartner.query.audit;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.DomainEvent;
import io.voicepartner.api.messaging.EventEnvelope;
import io.voicepartner.api.phonenumber.CallRecorded;
import io.voicepartner.api.signin.SignInEvent;
import io.voicepartner.api.tool.ToolExecuted;
import io.voicepartner.query.actor.ActorView;
import io.voicepartner.query.consuming.Projector;
import io.voicepartner.query.consuming.ReadModel;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code query.audit_log} from one aggregate type's topic: each event becomes an entry of the audit log of the
 * organization that owns it ({@code owner_id}), whoever caused it; a sign-in an entry in each organization its user
 * was a member of then ({@link SignInEvent#organizationIds()}). One audit log for every type, as one history: each
 * type's projector is one of the small classes below, and a type without one is not audited ({@code
 * AuditProjectorTest} wants one for every type but usage).
 *
 * <p>Usage is not audited, as it is not history (ADR 0017): the executions and calls a runtime reports are listed at
 * their own routes, and thousands a second would drown the changes an auditor looks for. So neither are the legacy
 * usage events still in the tools' and numbers' streams.
 */
abstract class AuditProjector implements Projector {

    private final AggregateType aggregateType;
    /** What its events happen to; for sign-ins, which are no aggregate's, the user's account. */
    private final ResourceType resourceType;

    private final AuditRows rows;

    AuditProjector(AggregateType aggregateType, AuditRows rows) {
        this.aggregateType = aggregateType;
        this.resourceType = aggregateType == AggregateType.SIGN_IN
                ? ResourceType.USER
                : ResourceType.of(aggregateType)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "An audited type is a resource type: add " + aggregateType + " to ResourceType"));
        this.rows = rows;
    }

    @Override
    public final AggregateType aggregateType() {
        return aggregateType;
    }

    /** One audit log for every type: rebuilt as a whole, not with each type's own read model. */
    @Override
    public final ReadModel readModel() {
        return ReadModel.AUDIT_LOG;
    }

    /**
     * Nothing to hold: an entry is keyed by its event, so a redelivery inserts nothing, and the resource's own
     * projector, applying the same event in the same transaction, refuses one that would skip a revision.
     */
    @Override
    public final OptionalLong revisionOf(String aggregateId) {
        return OptionalLong.empty();
    }

    @Override
    public final void apply(EventEnvelope envelope) {
        DomainEvent event = (DomainEvent) envelope.data();
        if (event instanceof ToolExecuted || event instanceof CallRecorded) {
            return;
        }
        ActorView actor = ActorView.recorded(envelope.actor());
        if (event instanceof SignInEvent signIn) {
            AuditEntry entry = new AuditEntry(
                    envelope.eventId(),
                    envelope.occurredAt(),
                    actor,
                    envelope.type(),
                    new AuditEntry.AuditedResource(resourceType, signIn.userId()),
                    envelope.requestId(),
                    signIn.clientAddress());
            signIn.organizationIds().forEach(organizationId -> rows.insert(organizationId, entry));
        } else {
            rows.insert(
                    envelope.ownerId(),
                    new AuditEntry(
                            envelope.eventId(),
                            envelope.occurredAt(),
                            actor,
                            envelope.type(),
                            new AuditEntry.AuditedResource(resourceType, envelope.aggregateId()),
                            envelope.requestId(),
                            null));
        }
    }

    @Component
    static final class Assistants extends AuditProjector {
        Assistants(AuditRows rows) {
            super(AggregateType.ASSISTANT, rows);
        }
    }

    @Component
    static final class Tools extends AuditProjector {
        Tools(AuditRows rows) {
            super(AggregateType.TOOL, rows);
        }
    }

    @Component
    static final class Files extends AuditProjector {
        Files(AuditRows rows) {
            super(AggregateType.FILE, rows);
        }
    }

    @Component
    static final class PhoneNumbers extends AuditProjector {
        PhoneNumbers(AuditRows rows) {
            super(AggregateType.PHONE_NUMBER, rows);
        }
    }

    /** A sign-up ({@code UserRegistered}) is an entry of the new user's personal organization, which has their id. */
    @Component
    static final class Users extends AuditProjector {
        Users(AuditRows rows) {
            super(AggregateType.USER, rows);
        }
    }

    /** The organization's own changes: renames, members and their roles, invitations. */
    @Component
    static final class Organizations extends AuditProjector {
        Organizations(AuditRows rows) {
            super(AggregateType.ORGANIZATION, rows);
        }
    }

    /** Where the organization's events are delivered, and the platform's disabling of one that failed too long. */
    @Component
    static final class WebhookEndpoints extends AuditProjector {
        WebhookEndpoints(AuditRows rows) {
            super(AggregateType.WEBHOOK_ENDPOINT, rows);
        }
    }

    @Component
    static final class SignIns extends AuditProjector {
        SignIns(AuditRows rows) {
            super(AggregateType.SIGN_IN, rows);
        }
    }
}
