package io.voicepartner.api.user;

/**
 * Records that the account's password was changed, which the credentials beside the event store already hold (the
 * new hash never enters a command). Every token issued before carries a lower generation and is refused from then on.
 *
 * @param tokenGeneration the generation of the tokens issued from now on; lower ones are revoked
 */
public record ChangePassword(String userId, long tokenGeneration) implements UserCommand {}
