package io.voicepartner.command.common;

import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.web.ErrorCode;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;

/** Matches a refusal by its code, for the fixture tests' {@code expectException}. */
public final class Refusals {

    private Refusals() {}

    public static Matcher<Refusal> refusal(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal refusal) {
                return refusal.code();
            }
        };
    }
}
