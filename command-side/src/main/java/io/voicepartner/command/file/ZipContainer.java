package io.voicepartner.command.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * A ZIP container (DOCX) checked before any parser opens it: every entry is inflated here and its bytes counted,
 * never trusting the sizes its headers claim, through the same reader (Commons Compress's, reading the central
 * directory) that POI opens the file with. A container that unpacks to more than {@code maxUnpackedBytes} in all,
 * or with an entry that inflates more than {@link #MAX_RATIO} times its packed size, is refused: a parser would
 * otherwise hold what it unpacks in memory. The check costs at most {@code maxUnpackedBytes} of inflating.
 */
final class ZipContainer {

    static final long MAX_RATIO = 100;
    /** Small entries may be as compressible as they like: only the large ones can hurt. */
    private static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private ZipContainer() {}

    static void check(Path file, long maxUnpackedBytes, ExtractionDeadline deadline)
            throws IOException, TextExtraction.Unreadable {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            for (Enumeration<ZipArchiveEntry> entries = zip.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                long packed = Math.max(1, entry.getCompressedSize());
                long unpacked = 0;
                try (InputStream content = zip.getInputStream(entry)) {
                    for (int n; (n = content.read(buffer)) > 0; ) {
                        deadline.check();
                        unpacked += n;
                        total += n;
                        if (total > maxUnpackedBytes) {
                            throw new TextExtraction.Unreadable("It unpacks to more than " + megabytes(maxUnpackedBytes)
                                    + " (like a zip bomb), so it was not read.");
                        }
                        if (unpacked > RATIO_GRACE_BYTES && unpacked > MAX_RATIO * packed) {
                            // the part's name is not quoted: it is the sender's text, and the reason enters an event
                            throw new TextExtraction.Unreadable("One of its parts expands more than " + MAX_RATIO
                                    + " times its size (like a zip bomb), so it was not read.");
                        }
                    }
                }
            }
        }
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }
}
