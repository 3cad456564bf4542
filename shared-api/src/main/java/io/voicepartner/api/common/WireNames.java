package io.voicepartner.api.common;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads enum constants by the names they travel under, refusing others with the list of valid ones. */
public final class WireNames {

    private WireNames() {}

    public static <E extends Enum<E>> E parse(Class<E> type, String value, Function<E, String> wireName) {
        for (E constant : type.getEnumConstants()) {
            if (wireName.apply(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("must be one of "
                + Arrays.stream(type.getEnumConstants()).map(wireName).collect(Collectors.joining(", ")));
    }
}
