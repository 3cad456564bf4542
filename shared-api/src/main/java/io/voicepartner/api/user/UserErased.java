package io.voicepartner.api.user;

/**
 * The person closed their account and was erased: their key of personal data is gone, so every value sealed with it
 * (their e-mail address, their name, their sign-ins' addresses) reads as erased wherever it is, and every token they
 * hold is refused from now on. The account's id stays: it names an erased person in history and the audit log.
 */
public record UserErased(String userId) implements UserEvent {}
