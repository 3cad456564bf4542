package io.voicepartner.support.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a route needs of the caller in the organization it acts in. Every route of a signed-in caller declares it,
 * or {@link Personal}: a route that declares neither is refused, whoever calls it ({@link OrganizationAccess}).
 * On a method it overrides what its class declares.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Requires {

    Permission value();
}
