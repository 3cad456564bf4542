package io.voicepartner.command.file;

import static org.hamcrest.Matchers.equalTo;

import io.voicepartner.api.file.CompleteFileProcessing;
import io.voicepartner.api.file.DeleteFile;
import io.voicepartner.api.file.FailFileProcessing;
import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileProcessingFailed;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import io.voicepartner.api.file.UpdateFileDescription;
import io.voicepartner.api.file.UploadFile;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.common.Refusal;
import io.voicepartner.command.eventstore.CommandRouting;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a knowledge file decides: given its history, a command is either recorded as events or refused. */
class FileTest {

    private static final String FILE_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String STRANGER = "0190f2c4-0000-7000-8000-000000000b0b";
    private static final String BYTES = "file:///var/lib/voicepartner/files/" + FILE_ID;
    private static final String TEXT = BYTES + ".txt";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String TEXT_SHA = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
    /** No {@code If-Match} header: the write applies to whatever revision is current. */
    private static final Long LATEST = null;

    private FixtureConfiguration<File> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(File.class);
        fixture.registerCommandTargetResolver(CommandRouting.resolver());
    }

    @Nested
    class Uploading {

        @Test
        void recordsTheUploadedFileForItsOwner() {
            fixture.givenNoPriorActivity()
                    .when(new UploadFile(
                            FILE_ID,
                            OWNER,
                            FILE_ID + ".pdf",
                            "Preisliste.pdf",
                            FileType.PDF,
                            48_213,
                            BYTES,
                            "Prices",
                            SHA))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(uploaded());
        }
    }

    @Nested
    class RecordingExtraction {

        @Test
        void recordsTheExtractedTextAndAnswersTheRevisionReached() {
            fixture.given(uploaded())
                    .when(new CompleteFileProcessing(FILE_ID, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .expectEvents(new FileProcessed(FILE_ID, OWNER, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsWhyNoTextCouldBeExtracted() {
            fixture.given(uploaded())
                    .when(new FailFileProcessing(FILE_ID, "damaged"))
                    .expectEvents(new FileProcessingFailed(FILE_ID, OWNER, "damaged"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsOnlyTheFirstOutcomeOfAnExtractionThatRanAgain() {
            fixture.given(uploaded(), new FileProcessed(FILE_ID, OWNER, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .when(new CompleteFileProcessing(FILE_ID, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void recordsNoFailureAfterTheTextWasRecorded() {
            fixture.given(uploaded(), new FileProcessed(FILE_ID, OWNER, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .when(new FailFileProcessing(FILE_ID, "timed out"))
                    .expectNoEvents();
        }

        @Test
        void recordsNothingForADeletedFile() {
            fixture.given(uploaded(), new FileDeleted(FILE_ID, OWNER, true))
                    .when(new CompleteFileProcessing(FILE_ID, TEXT, 5230, TEXT_SHA, "Preisliste"))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Describing {

        @Test
        void changesTheDescription() {
            fixture.given(uploaded())
                    .when(new UpdateFileDescription(FILE_ID, OWNER, 1L, "Prices from January"))
                    .expectEvents(new FileDescriptionUpdated(FILE_ID, OWNER, "Prices from January"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void clearsTheDescription() {
            fixture.given(uploaded())
                    .when(new UpdateFileDescription(FILE_ID, OWNER, LATEST, null))
                    .expectEvents(new FileDescriptionUpdated(FILE_ID, OWNER, null));
        }

        @Test
        void recordsNothingForTheDescriptionItHas() {
            fixture.given(uploaded())
                    .when(new UpdateFileDescription(FILE_ID, OWNER, LATEST, "Prices"))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void refusesAChangeMadeAtAnOlderRevision() {
            fixture.given(uploaded(), new FileProcessingFailed(FILE_ID, OWNER, "damaged"))
                    .when(new UpdateFileDescription(FILE_ID, OWNER, 1L, "Prices from January"))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToDescribeAnotherUsersFile() {
            fixture.given(uploaded())
                    .when(new UpdateFileDescription(FILE_ID, STRANGER, LATEST, "Mine now"))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Deleting {

        @Test
        void deletesAFileAndAnswersTheRevisionOfTheDeletion() {
            fixture.given(uploaded())
                    .when(new DeleteFile(FILE_ID, OWNER, LATEST))
                    .expectEvents(new FileDeleted(FILE_ID, OWNER, true))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesADeleteMadeAtAnOlderRevision() {
            fixture.given(uploaded(), new FileDescriptionUpdated(FILE_ID, OWNER, "Prices from January"))
                    .when(new DeleteFile(FILE_ID, OWNER, 1L))
                    .expectException(refusal(ErrorCode.REVISION_MISMATCH))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAnotherUsersFile() {
            fixture.given(uploaded())
                    .when(new DeleteFile(FILE_ID, STRANGER, LATEST))
                    .expectException(refusal(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesToDeleteAFileTwice() {
            fixture.given(uploaded(), new FileDeleted(FILE_ID, OWNER, true))
                    .when(new DeleteFile(FILE_ID, OWNER, LATEST))
                    .expectException(AggregateDeletedException.class)
                    .expectNoEvents();
        }
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
