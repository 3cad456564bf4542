package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.support.personal.KeyWrapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A platform started with {@code VOICEPARTNER_PRODUCTION=true} (a platform of its own: its own database and
 * broker, so that its consumers never join the shared platform's groups): metrics and the schema are served on the management port ({@code MANAGEMENT_PORT}) and not on
 * the API's, while the probes stay on both; it refuses to start without a management port, with the
 * development-only {@code OUTBOUND_ALLOW_LIST}, and without a {@code PERSONAL_DATA_KEY} of its own.
 */
@BesideTheOthers
class ProductionModeIT {

    /** Stopped at exit rather than after the class, so that it outlives the platforms it serves. */
    private static final LocalKafka kafka = LocalKafka.start(0);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop));
    }

    @Test
    void metricsAndTheSchemaAreServedOnTheManagementPortOnly() {
        try (ConfigurableApplicationContext platform = start("--MANAGEMENT_PORT=0")) {
            Api api = new Api("http://127.0.0.1:" + platform.getEnvironment().getProperty("local.server.port"));
            Api management =
                    new Api("http://127.0.0.1:" + platform.getEnvironment().getProperty("local.management.port"));

            for (String operatorsOnly : List.of("/actuator/prometheus", "/schema", "/actuator/schema")) {
                Api.Response answer = api.get(operatorsOnly);
                assertThat(answer.status())
                        .as(operatorsOnly + " on the API's port: " + answer)
                        .isEqualTo(404);
                assertThat(answer.text()).doesNotContain("jvm_", "read_models");
            }
            assertThat(api.get("/readyz").status()).isEqualTo(200);
            assertThat(api.get("/livez").status()).isEqualTo(200);

            Api.Response metrics = management.get("/actuator/prometheus");
            assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
            assertThat(metrics.text()).contains("jvm_memory_used_bytes");
            Api.Response schema = management.get("/actuator/schema");
            assertThat(schema.status()).as(schema.toString()).isEqualTo(200);
            assertThat(schema.data().path("read_models").findValuesAsText("name"))
                    .contains("tools", "files");
            assertThat(schema.data().path("events").size()).isPositive();
            assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWithoutAManagementPort() {
        assertThatThrownBy(() -> start().close())
                .satisfies(
                        refusal -> assertThat(rootCause(refusal).getMessage()).contains("MANAGEMENT_PORT"));
    }

    @Test
    void refusesToStartWithTheDevelopmentOutboundAllowList() {
        assertThatThrownBy(() -> start("--MANAGEMENT_PORT=0", "--OUTBOUND_ALLOW_LIST=127.0.0.5/32")
                        .close())
                .satisfies(refusal -> assertThat(rootCause(refusal).getMessage())
                        .contains("OUTBOUND_ALLOW_LIST", "VOICEPARTNER_PRODUCTION"));
    }

    @Test
    void refusesToStartWithoutAPersonalDataKeyOrWithTheDevelopmentOneCurrentOrPrevious() {
        assertThatThrownBy(() ->
                        start("--MANAGEMENT_PORT=0", "--PERSONAL_DATA_KEY=").close())
                .satisfies(refusal -> assertThat(rootCause(refusal).getMessage())
                        .contains("PERSONAL_DATA_KEY", "VOICEPARTNER_PRODUCTION"));
        assertThatThrownBy(() -> start("--MANAGEMENT_PORT=0", "--PERSONAL_DATA_KEY=" + KeyWrapping.DEVELOPMENT_KEY)
                        .close())
                .satisfies(refusal ->
                        assertThat(rootCause(refusal).getMessage()).contains("PERSONAL_DATA_KEY", "development key"));
        assertThatThrownBy(() -> start(
                                "--MANAGEMENT_PORT=0", "--PERSONAL_DATA_KEY_PREVIOUS=" + KeyWrapping.DEVELOPMENT_KEY)
                        .close())
                .satisfies(refusal -> assertThat(rootCause(refusal).getMessage())
                        .contains("PERSONAL_DATA_KEY_PREVIOUS", "development key"));
    }

    private static ConfigurableApplicationContext start(String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--VOICEPARTNER_PRODUCTION=true"));
        arguments.addAll(List.of(settings));
        if (arguments.stream().noneMatch(argument -> argument.startsWith("--PERSONAL_DATA_KEY="))) {
            arguments.add("--PERSONAL_DATA_KEY=" + TestKeys.PERSONAL_DATA_KEY);
        }
        return InProcessPlatform.start(
                TestInfrastructure.newDatabase(),
                kafka,
                Path.of(TestInfrastructure.fileStorageDirectory()),
                arguments.toArray(String[]::new));
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
