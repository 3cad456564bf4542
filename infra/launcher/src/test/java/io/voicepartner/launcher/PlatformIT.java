package io.voicepartner.launcher;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The shared test platform: every test class under it shares one running platform, on the run's database and
 * broker ({@link TestInfrastructure#database()}, {@link TestInfrastructure#kafkaBootstrapServers()}); tests isolate
 * themselves by signing up users of their own. What acts on a whole platform (rebuilding every read model,
 * publishing the whole store again) runs on {@link OperationsPlatformIT}'s instead.
 */
abstract class PlatformIT extends TestPlatform {

    /**
     * The shared platform's read models as a whole: a class that compares them all before and after holds this lock,
     * and a class {@link BesideTheOthers} that writes to the shared platform takes it to read, so that nobody writes
     * between the comparison's two looks. The classes that run one after the other need not take it.
     */
    static final String READ_MODELS = "the shared platform's read models";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry properties) {
        configure(properties, TestInfrastructure.database(), TestInfrastructure.kafkaBootstrapServers());
    }

    @Override
    TestInfrastructure.Database database() {
        return TestInfrastructure.database();
    }

    @Override
    String kafkaBootstrapServers() {
        return TestInfrastructure.kafkaBootstrapServers();
    }
}
