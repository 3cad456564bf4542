package io.voicepartner.command.file;

import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.file.RestoreFile;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A deleted file cannot be restored: deleting it removed its bytes and text (ADR 0011). */
class FileRestoreTest {

    private static final String FILE_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String BYTES = "file:///var/lib/voicepartner/files/" + FILE_ID;
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<File> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(File.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
    }

    @Test
    void refusesToRestoreADeletedFileBecauseItsBytesAreGone() {
        fixture.given(uploaded(), new FileDeleted(FILE_ID, OWNER, true))
                .when(new RestoreFile(FILE_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectExceptionMessage("File '" + FILE_ID + "' cannot be restored: deleting it removed its "
                        + "stored bytes and text. Upload it again.")
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAFileThatIsNotDeleted() {
        fixture.given(uploaded())
                .when(new RestoreFile(FILE_ID, OWNER))
                .expectException(refusal(ErrorCode.CONFLICT))
                .expectNoEvents();
    }

    @Test
    void refusesToRestoreAnotherUsersFile() {
        fixture.given(uploaded(), new FileDeleted(FILE_ID, OWNER, true))
                .when(new RestoreFile(FILE_ID, STRANGER))
                .expectException(refusal(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    private static FileUploaded uploaded() {
        return new FileUploaded(
                FILE_ID, OWNER, FILE_ID + ".pdf", "Preisliste.pdf", FileType.PDF, 48_213, BYTES, "Prices", SHA);
    }

    private static Matcher<Refusal> refusal(ErrorCode code) {
        return new FeatureMatcher<>(equalTo(code), "a refusal with code", "code") {
            @Override
            protected ErrorCode featureValueOf(Refusal refusal) {
                return refusal.code();
            }
        };
    }
}
