package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.AggregateType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read models a rebuild can replace, each the tables its projectors keep ({@link Projector#readModel}),
 * filled from its aggregate types' topics alone. A projector writing a table not listed here would not be
 * rebuilt with it. Most are one aggregate type's (the tools and phone numbers with their usage); the history is
 * the resources' (assistants, tools, files, phone numbers), the audit log everything's but usage.
 */
public enum ReadModel {
    ASSISTANTS(
            "assistants",
            AggregateType.ASSISTANT,
            EnumSet.of(AggregateType.ASSISTANT),
            List.of("assistants", "assistant_tools", "assistant_files", "assistant_versions")),
    /** The tools with their executions and counters, which also come from {@code voicepartner.usage} (ADR 0017). */
    TOOLS(
            "tools",
            AggregateType.TOOL,
            EnumSet.of(AggregateType.TOOL, AggregateType.USAGE),
            List.of("tools", "tool_executions", "tool_usage")),
    FILES("files", AggregateType.FILE, EnumSet.of(AggregateType.FILE), List.of("files")),
    /** The numbers with their calls and counters, which also come from {@code voicepartner.usage} (ADR 0017). */
    PHONE_NUMBERS(
            "phone-numbers",
            AggregateType.PHONE_NUMBER,
            EnumSet.of(AggregateType.PHONE_NUMBER, AggregateType.USAGE),
            List.of("phone_numbers", "phone_calls", "phone_number_usage")),
    USERS("users", AggregateType.USER, EnumSet.of(AggregateType.USER), List.of("users")),
    /**
     * The organizations with their members (whom the query side's routes admit), invitations and API keys (which it
     * authenticates); not the keys' uses, which no topic keeps (ADR 0029).
     */
    ORGANIZATIONS(
            "organizations",
            AggregateType.ORGANIZATION,
            EnumSet.of(AggregateType.ORGANIZATION),
            List.of("organizations", "organization_members", "organization_invitations", "api_keys")),
    /** The organizations' webhook endpoints; not what was delivered to them, which no topic keeps (ADR 0032). */
    WEBHOOK_ENDPOINTS(
            "webhook-endpoints",
            AggregateType.WEBHOOK_ENDPOINT,
            EnumSet.of(AggregateType.WEBHOOK_ENDPOINT),
            List.of("webhook_endpoints")),
    HISTORY(
            "history",
            null,
            EnumSet.of(AggregateType.ASSISTANT, AggregateType.TOOL, AggregateType.FILE, AggregateType.PHONE_NUMBER),
            List.of("history")),
    /** Every organization's audit log: the events of every type but usage, and the sign-ins (ADR 0029). */
    AUDIT_LOG("audit-log", null, EnumSet.complementOf(EnumSet.of(AggregateType.USAGE)), List.of("audit_log"));

    /** Names every read model at once. */
    public static final String ALL = "all";

    /**
     * The read models whose projectors write every row through {@link ProjectedTable}, so that a rebuild folds their
     * events in memory and writes the final rows with {@code COPY} (ADR 0044); the others it applies event by event.
     * One is added here once its rows classes write only that way, and {@code FoldedRebuildTest} proves both paths
     * leave the same rows.
     */
    private static final Set<ReadModel> FOLDED =
            EnumSet.of(ASSISTANTS, TOOLS, FILES, PHONE_NUMBERS, USERS, HISTORY, AUDIT_LOG);

    private final String wireName;
    private final AggregateType owner;
    private final Set<AggregateType> aggregateTypes;
    private final List<String> tables;

    /**
     * @param owner          the aggregate type whose own projector keeps it, {@code null} for the history and the
     *                       audit log
     * @param aggregateTypes the types whose topics it is filled from
     */
    ReadModel(String wireName, AggregateType owner, Set<AggregateType> aggregateTypes, List<String> tables) {
        this.wireName = wireName;
        this.owner = owner;
        this.aggregateTypes = aggregateTypes;
        this.tables = tables;
    }

    /** The read model of one aggregate type's own projector. */
    static ReadModel of(AggregateType aggregateType) {
        return Arrays.stream(values())
                .filter(model -> model.owner == aggregateType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "No read model of its own for " + aggregateType + ": its projectors name theirs"));
    }

    public String wireName() {
        return wireName;
    }

    Set<AggregateType> aggregateTypes() {
        return aggregateTypes;
    }

    /** Whether a rebuild folds its events in memory and copies the rows in ({@link #FOLDED}). */
    boolean folded() {
        return FOLDED.contains(this);
    }

    /**
     * Its tables in schema {@code query}, in the order their projector writes them (which locks them); public for the
     * rebuild benchmark, which copies the same rows as its baseline.
     */
    public List<String> tables() {
        return tables;
    }

    /**
     * @param names read-model names, or {@link #ALL}
     * @throws IllegalArgumentException naming the first unknown name
     */
    public static Set<ReadModel> parse(List<String> names) {
        if (names.isEmpty() || names.contains(ALL)) {
            return EnumSet.allOf(ReadModel.class);
        }
        Set<ReadModel> models = EnumSet.noneOf(ReadModel.class);
        for (String name : names) {
            models.add(Arrays.stream(values())
                    .filter(model -> model.wireName.equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown read model " + name + " (known: "
                            + Arrays.stream(values()).map(ReadModel::wireName).collect(Collectors.joining(", "))
                            + ", or " + ALL + ")")));
        }
        return models;
    }

    /** The names as stored in a rebuild request, comma-separated. */
    public static String names(Set<ReadModel> models) {
        return models.stream().map(ReadModel::wireName).collect(Collectors.joining(","));
    }
}
