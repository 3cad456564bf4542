package io.voicepartner.command.file;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * How much the platform takes and spends on a knowledge file.
 *
 * @param maxSize             the largest upload ({@code FILE_STORAGE_MAX_SIZE}); larger ones are refused with 413
 * @param extractionTimeout   how long reading one file's text may take before it is given up as an error
 * @param maxTextLength       the most characters of text kept for one file; a longer text is an error
 * @param extractionAttempts  how often reading a stored file is tried before the file is marked as an error
 * @param extractionThreads   {@code FILE_EXTRACTION_THREADS}: how many files' texts are read at once, the size of
 *                            the pool they are read on
 * @param maxUnpackedSize     {@code FILE_MAX_UNPACKED_SIZE}: the most that a DOCX's parts may unpack to together;
 *                            a larger one is an error before it is parsed (a zip bomb)
 */
@ConfigurationProperties("voicepartner.files")
record FileLimits(
        DataSize maxSize,
        Duration extractionTimeout,
        int maxTextLength,
        int extractionAttempts,
        int extractionThreads,
        DataSize maxUnpackedSize) {}
