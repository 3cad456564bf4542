package io.voicepartner.api.user;

/**
 * The person asked to be erased, and the erasure is under way (ADR 0046): every token issued before, whose generation
 * is lower than {@code tokenGeneration}, is refused by every side from now on, without waiting for {@link UserErased},
 * which ends the erasure and may come much later (an organization to delete with many resources, a step that failed
 * and is retried). Nothing is erased yet: the person's values still open. An erasure that is blocked (ADR 0046) lets
 * the person sign in again, with a token of this generation.
 */
public record ErasureRequested(String userId, long tokenGeneration) implements UserEvent {}
