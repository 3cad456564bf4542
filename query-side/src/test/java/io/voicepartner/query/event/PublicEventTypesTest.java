package io.voicepartner.query.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.messaging.EventCatalogue;
import io.voicepartner.api.messaging.PublicEventTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One documented public type for every configuration event, and the backfill names them alike. */
class PublicEventTypesTest {

    private static final Set<AggregateType> RESOURCES =
            EnumSet.of(AggregateType.ASSISTANT, AggregateType.TOOL, AggregateType.FILE, AggregateType.PHONE_NUMBER);

    @Test
    void everyEventOfAnAssistantToolFileOrPhoneNumberHasAPublicTypeButUsage() {
        Set<String> configuration = EventCatalogue.all().stream()
                .filter(type -> RESOURCES.contains(type.aggregateType()))
                .filter(type -> !PublicEventTypes.USAGE.contains(type.eventClass()))
                .map(EventCatalogue.EventType::name)
                .collect(Collectors.toSet());

        assertThat(PublicEventTypes.eventTypes()).containsExactlyInAnyOrderElementsOf(configuration);
        PublicEventTypes.USAGE.forEach(
                usage -> assertThat(PublicEventTypes.of(usage.getSimpleName())).isEmpty());
    }

    @Test
    void publicTypesAreResourceDotWhatHappenedAndDistinct() {
        assertThat(PublicEventTypes.all())
                .hasSize(PublicEventTypes.eventTypes().size())
                .allMatch(type -> type.matches("(assistant|tool|file|phone_number)\\.[a-z_]+"));
        assertThat(PublicEventTypes.of("AssistantVersionPublished")).contains("assistant.version_published");
        assertThat(PublicEventTypes.of("ToolDeleted")).contains("tool.deleted");
        assertThat(PublicEventTypes.of("FileProcessed")).contains("file.processed");
        assertThat(PublicEventTypes.of("PhoneNumberUpdated")).contains("phone_number.updated");
    }

    @Test
    void theBackfillNamesEveryEventAsTheFeedDoes() throws IOException {
        String migration;
        try (InputStream sql = getClass().getResourceAsStream("/db/query/V28__events_from_history.sql")) {
            migration = new String(sql.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> backfilled = new LinkedHashMap<>();
        Matcher pairs = Pattern.compile("\\('([A-Z]\\w+)', '([a-z_.]+)'\\)").matcher(migration);
        while (pairs.find()) {
            backfilled.put(pairs.group(1), pairs.group(2));
        }

        assertThat(backfilled.keySet()).containsExactlyInAnyOrderElementsOf(PublicEventTypes.eventTypes());
        backfilled.forEach((event, name) ->
                assertThat(PublicEventTypes.of(event)).as(event).contains(name));
    }
}
