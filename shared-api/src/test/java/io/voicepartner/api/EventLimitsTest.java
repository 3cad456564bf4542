package io.voicepartner.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.assistant.AssistantStatus;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.EventLimits;
import io.voicepartner.api.organization.ApiKeyScope;
import io.voicepartner.api.organization.Role;
import io.voicepartner.api.phonenumber.CallDirection;
import io.voicepartner.api.phonenumber.PhoneNumberProvider;
import io.voicepartner.api.phonenumber.PhoneNumberStatus;
import io.voicepartner.api.tool.HttpMethod;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The values the platform itself puts in bounded columns (enumerations, event and aggregate type names) fit the
 * limits the contract declares for them; the rest of the contract's promises on strings and times.
 */
class EventLimitsTest {

    @Test
    void everyEnumerationsWireNameFitsItsColumn() {
        assertFit(AssistantStatus.values(), AssistantStatus::wireName, EventLimits.ENUM_NAME);
        assertFit(PhoneNumberStatus.values(), PhoneNumberStatus::wireName, EventLimits.ENUM_NAME);
        assertFit(PhoneNumberProvider.values(), PhoneNumberProvider::wireName, EventLimits.ENUM_NAME);
        assertFit(CallDirection.values(), CallDirection::wireName, EventLimits.ENUM_NAME);
        assertFit(Role.values(), Role::wireName, EventLimits.ENUM_NAME);
        assertFit(HttpMethod.values(), HttpMethod::wireName, EventLimits.HTTP_METHOD);
        assertFit(FileType.values(), FileType::wireName, EventLimits.FILE_TYPE);
        assertFit(Role.values(), Role::wireName, EventLimits.ENUM_NAME);
        assertThat(Arrays.stream(ApiKeyScope.values())
                        .map(ApiKeyScope::wireName)
                        .collect(Collectors.joining(" ")))
                .as("every scope at once, as the key tables keep them")
                .hasSizeLessThanOrEqualTo(EventLimits.API_KEY_SCOPES);
        assertFit(AggregateType.values(), AggregateType::wireName, EventLimits.AGGREGATE_TYPE);
        assertFit(
                EventCatalogue.all().toArray(EventCatalogue.EventType[]::new),
                EventCatalogue.EventType::name,
                EventLimits.EVENT_TYPE);
    }

    @Test
    void refusesNulAndHalfSurrogatePairsButTakesWholeOnes() {
        assertThat(EventLimits.unstorable("Grüße 👋")).isNull();
        assertThat(EventLimits.unstorable("a\u0000b")).contains("NUL");
        assertThat(EventLimits.unstorable("\uD83D")).contains("surrogate").contains("\\uD83D");
        assertThat(EventLimits.unstorable("x\uDC4Bx")).contains("\\uDC4B");
        assertThat(EventLimits.unstorable("\uDC4B\uD83D")).isNotNull();
    }

    @Test
    void timesAreStorableWithinFourDigitYears() {
        assertThat(EventLimits.isStorable(Instant.parse("2026-12-04T10:00:00Z")))
                .isTrue();
        assertThat(EventLimits.isStorable(EventLimits.EARLIEST_TIME)).isTrue();
        assertThat(EventLimits.isStorable(EventLimits.LATEST_TIME)).isTrue();
        assertThat(EventLimits.isStorable(EventLimits.EARLIEST_TIME.minusMillis(1)))
                .isFalse();
        assertThat(EventLimits.isStorable(Instant.parse("-6000000-01-01T00:00:00Z")))
                .isFalse();
        assertThat(EventLimits.isStorable(Instant.MAX)).isFalse();
    }

    @Test
    void anEventFitsAKafkaRecordWithRoomToSpare() {
        assertThat(EventLimits.MAX_EVENT_BYTES).isLessThanOrEqualTo(1024 * 1024 / 2);
    }

    private static <T> void assertFit(T[] values, Function<T, String> name, int limit) {
        assertThat(Arrays.stream(values).map(name))
                .allSatisfy(wire -> assertThat(wire).hasSizeLessThanOrEqualTo(limit));
    }
}
