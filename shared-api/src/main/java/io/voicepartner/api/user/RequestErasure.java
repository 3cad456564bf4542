package io.voicepartner.api.user;

/**
 * Records that the person asked to be erased and that the erasure is recorded (ADR 0043): its steps follow, and until
 * they are done every token the person holds is revoked on every side, which the credentials beside the event store
 * already moved to the next generation.
 *
 * @param tokenGeneration the generation of the tokens issued from now on; lower ones are revoked
 */
public record RequestErasure(String userId, long tokenGeneration) implements UserCommand {}
