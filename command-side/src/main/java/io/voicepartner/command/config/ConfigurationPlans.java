package io.voicepartner.command.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.web.ApiErrorResponse.FieldError;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.support.security.ApiKeyCaller;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.web.ApiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/** Export, plan and apply of an organization's configuration (ADR 0033). */
@Component
class ConfigurationPlans {

    private final CurrentConfiguration current;
    private final BundleReader reader;
    private final Planner planner;
    private final Applier applier;

    ConfigurationPlans(CurrentConfiguration current, BundleReader reader, Planner planner, Applier applier) {
        this.current = current;
        this.reader = reader;
        this.planner = planner;
        this.applier = applier;
    }

    /**
     * One resource in a plan.
     *
     * @param id       null for one still to be created
     * @param revision the revision the plan saw; null for one still to be created
     * @param changes  for an update, each field that changes, {@code from} now {@code to} as the bundle has it
     */
    // what a resource does not have yet (a create's id and revision) or what does not apply is left out
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record PlannedChange(
            Kind kind, String ref, String id, Action action, Long revision, Map<String, Step.FieldChange> changes) {}

    /** @param fingerprint the state the plan was made against, for the apply that carries it out */
    record PlanAnswer(String fingerprint, Map<String, Integer> summary, List<PlannedChange> changes) {}

    /** One resource after an apply, at its new revision (a deleted one's deletion revision). */
    record AppliedResource(Kind kind, String ref, String id, Action action, Long revision) {}

    record ApplyAnswer(String fingerprint, Map<String, Integer> summary, List<AppliedResource> resources) {}

    JsonNode export(Caller caller, String authorization) {
        OrganizationState state = current.read(caller, authorization);
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("version", BundleReader.VERSION);
        for (Kind kind : Kind.values()) {
            ArrayNode list = bundle.putArray(kind.section());
            state.of(kind).forEach(resource -> {
                ObjectNode entry = list.addObject();
                entry.put("ref", resource.ref());
                entry.setAll(resource.fields());
            });
        }
        return bundle;
    }

    PlanAnswer plan(ConfigRequest request, Caller caller, String authorization) {
        Bundle bundle = reader.read(request.bundle(), request.secrets(), caller.organizationId());
        OrganizationState state = current.read(caller, authorization);
        Planner.Planned planned = planner.plan(bundle, state, request.prune(), request.secrets());
        List<PlannedChange> changes = planned.steps().stream()
                .map(step -> new PlannedChange(
                        step.kind(),
                        step.ref(),
                        step.id(),
                        step.action(),
                        step.current() == null ? null : step.current().revision(),
                        step.action() == Action.UPDATE ? step.changes() : null))
                .toList();
        return new PlanAnswer(
                state.fingerprint().encoded(),
                summary(changes.stream().map(PlannedChange::action).toList()),
                changes);
    }

    /**
     * Everything is checked before anything is written: the bundle, the drift since the plan, the secrets every write
     * needs. A write refused part-way leaves the organization as it was ({@link Applier}).
     */
    ApplyAnswer apply(ConfigRequest request, Caller caller, String authorization) {
        if (caller instanceof ApiKeyCaller key && !key.may(Permission.READ)) {
            throw new ApiException(
                    ErrorCode.FORBIDDEN,
                    "Applying a bundle compares it with the configuration: the API key needs config:read as well.");
        }
        Bundle bundle = reader.read(request.bundle(), request.secrets(), caller.organizationId());
        OrganizationState state = current.read(caller, authorization);
        if (request.fingerprint() != null) {
            requireNoDrift(Fingerprint.decode(request.fingerprint()), state);
        }
        Planner.Planned planned = planner.plan(bundle, state, request.prune(), request.secrets());
        applier.requireSecrets(planned, request.secrets());
        List<Applier.Applied> applied;
        try {
            applied = applier.apply(planned, request.secrets(), caller);
        } catch (Applier.Compensated e) {
            throw undone(e);
        }
        Map<String, Long> revisions = current.revisions(caller.organizationId());
        List<AppliedResource> resources = applied.stream()
                .map(resource -> new AppliedResource(
                        resource.kind(),
                        resource.ref(),
                        resource.id(),
                        resource.action(),
                        resource.action() == Action.DELETE
                                ? Long.valueOf(
                                        state.byId(resource.id()).orElseThrow().revision() + 1)
                                : revisions.get(resource.id())))
                .toList();
        return new ApplyAnswer(
                Fingerprint.of(revisions).encoded(),
                summary(resources.stream().map(AppliedResource::action).toList()),
                resources);
    }

    /** @throws ApiException {@code 409} naming every resource changed, created or deleted since the plan */
    private static void requireNoDrift(Fingerprint planned, OrganizationState state) {
        Map<String, Long> now = state.revisions();
        Set<String> ids = new TreeSet<>(planned.revisions().keySet());
        ids.addAll(now.keySet());
        List<FieldError> drift = new ArrayList<>();
        for (String id : ids) {
            Long before = planned.revisions().get(id);
            Long after = now.get(id);
            if (before != null && before.equals(after)) {
                continue;
            }
            String resource =
                    state.byId(id).map(r -> r.kind().wireName() + ":" + r.ref()).orElse(id);
            String what = before == null
                    ? "was created since the plan"
                    : after == null
                            ? "was deleted since the plan"
                            : "changed since the plan: revision " + after + ", planned at " + before;
            drift.add(new FieldError(resource, what + " (id " + id + ")"));
        }
        if (!drift.isEmpty()) {
            throw drifted(drift);
        }
    }

    private static ApiException drifted(List<FieldError> drift) {
        return new ApiException(
                ErrorCode.CONFLICT,
                "The organization's configuration changed since the plan; nothing was applied. Plan again.",
                drift);
    }

    /**
     * A write refused part-way, after what was written before it was undone: a change by someone else meanwhile is
     * drift, named as such; any other refusal is the aggregate's own, saying that nothing was applied.
     */
    private static RuntimeException undone(Applier.Compensated e) {
        RuntimeException failure = e.failure();
        Step step = e.step();
        String resource = step.kind().wireName() + ":" + step.ref();
        boolean drift = failure instanceof ConcurrencyException
                || failure instanceof AggregateNotFoundException
                || (failure instanceof Refusal refusal && refusal.code() == ErrorCode.REVISION_MISMATCH);
        if (drift) {
            return drifted(List.of(new FieldError(resource, "changed while the bundle was applied")));
        }
        String message = "Applying " + step.desiredPath() + " was refused: " + failure.getMessage()
                + " Nothing was applied: what was written before was undone.";
        if (failure instanceof Refusal refusal) {
            return new ApiException(refusal.code(), message, refusal.details());
        }
        if (failure instanceof ApiException api) {
            return new ApiException(api.code(), message, api.details());
        }
        return failure;
    }

    private static Map<String, Integer> summary(List<Action> actions) {
        Map<String, Integer> summary = new LinkedHashMap<>();
        for (Action action : Action.values()) {
            summary.put(action.wireName(), (int)
                    actions.stream().filter(a -> a == action).count());
        }
        return summary;
    }
}
