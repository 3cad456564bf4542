package io.voicepartner.api.user;

public record UserRegistered(String userId, String email, String name) implements UserEvent {}
