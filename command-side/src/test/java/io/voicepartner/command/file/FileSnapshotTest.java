package io.voicepartner.command.file;

import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertRoundTrips;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.assertStoredAsGolden;
import static io.voicepartner.command.eventstore.SnapshotRoundTrip.sourcedFrom;

import io.voicepartner.api.file.FileDeleted;
import io.voicepartner.api.file.FileDescriptionUpdated;
import io.voicepartner.api.file.FileProcessed;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.file.FileUploaded;
import org.junit.jupiter.api.Test;

/** A file's snapshot holds what it was uploaded as, which a published assistant version freezes. */
class FileSnapshotTest {

    private static final String FILE_ID = "0190f2c4-7d1e-7a3b-9c4d-5e6f7a8b9c0f";
    private static final String OWNER = "0190f2c4-0000-7000-8000-0000000a11ce";
    private static final String BYTES = "file:///var/lib/voicepartner/files/" + FILE_ID;

    @Test
    void keepsAProcessedAndDeletedFileWithItsUpload() {
        File file = sourcedFrom(
                File.class,
                FILE_ID,
                new FileUploaded(
                        FILE_ID,
                        OWNER,
                        FILE_ID + ".pdf",
                        "Preisliste.pdf",
                        FileType.PDF,
                        48_213,
                        BYTES,
                        "Prices",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                new FileProcessed(
                        FILE_ID,
                        OWNER,
                        BYTES + ".txt",
                        1_204,
                        "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
                        "Preisliste 2026"),
                new FileDescriptionUpdated(FILE_ID, OWNER, "Prices 2026"),
                new FileDeleted(FILE_ID, OWNER, true));

        assertRoundTrips(file);
        assertStoredAsGolden(file);
    }
}
