package io.voicepartner.api.signin;

import java.util.List;

/** The user signed in with the right password and was given a token. */
public record SignInSucceeded(String userId, List<String> organizationIds, String clientAddress)
        implements SignInEvent {}
