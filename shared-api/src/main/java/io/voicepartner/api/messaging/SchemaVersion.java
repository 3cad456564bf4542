package io.voicepartner.api.messaging;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The version of an event's {@code data} schema, published as {@code schema_version}. An event without
 * it is at version 1; raise it (with an upcaster for stored events) whenever a change is not additive.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SchemaVersion {
    int value();
}
