package io.voicepartner.query.consuming;

import io.voicepartner.api.messaging.AggregateType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The read models a rebuild can replace, each the tables one aggregate type's projector keeps, filled from
 * that type's topic alone. A projector writing a table not listed here would not be rebuilt with it.
 */
public enum ReadModel {
    ASSISTANTS("assistants", AggregateType.ASSISTANT, List.of("assistants", "assistant_tools", "assistant_files")),
    TOOLS("tools", AggregateType.TOOL, List.of("tools")),
    FILES("files", AggregateType.FILE, List.of("files")),
    PHONE_NUMBERS("phone-numbers", AggregateType.PHONE_NUMBER, List.of("phone_numbers")),
    USERS("users", AggregateType.USER, List.of("users"));

    /** Names every read model at once. */
    public static final String ALL = "all";

    private final String wireName;
    private final AggregateType aggregateType;
    private final List<String> tables;

    ReadModel(String wireName, AggregateType aggregateType, List<String> tables) {
        this.wireName = wireName;
        this.aggregateType = aggregateType;
        this.tables = tables;
    }

    public String wireName() {
        return wireName;
    }

    AggregateType aggregateType() {
        return aggregateType;
    }

    /** Its tables in schema {@code query}, in the order their projector writes them (which locks them). */
    List<String> tables() {
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
            models.add(Arrays.stream(values()).filter(model -> model.wireName.equals(name)).findFirst()
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
