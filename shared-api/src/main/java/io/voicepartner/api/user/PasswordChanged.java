package io.voicepartner.api.user;

/**
 * The account's password was changed. Carries neither password nor hash: it tells every side that the tokens issued
 * before, whose generation is lower than {@code tokenGeneration}, are refused from now on.
 */
public record PasswordChanged(String userId, long tokenGeneration) implements UserEvent {}
