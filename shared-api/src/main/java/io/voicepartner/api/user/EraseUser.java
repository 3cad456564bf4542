package io.voicepartner.api.user;

/**
 * Records that the person closed their account and is erased (issue 21): their credentials and their key of personal
 * data are deleted beside the event store, in the same transaction, so that every value sealed with that key is
 * unreadable from then on.
 */
public record EraseUser(String userId) implements UserCommand {}
