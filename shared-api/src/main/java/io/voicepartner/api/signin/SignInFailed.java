package io.voicepartner.api.signin;

import java.util.List;

/**
 * Someone tried to sign in to the user's account with a wrong password. The actor of the event is the account
 * tried, which says nothing about who typed it; {@link #clientAddress()} says where it came from. An attempt for an
 * e-mail address no account has is not recorded at all (ADR 0029).
 */
public record SignInFailed(String userId, List<String> organizationIds, String clientAddress) implements SignInEvent {}
