package io.voicepartner.api.file;

/**
 * The file's text was extracted and stored beside its bytes. The text itself never travels in an event.
 *
 * @param textLocation where the text is (UTF-8)
 * @param textLength   the text's length in characters
 * @param textSha256   of the text's UTF-8 bytes, lower-case hex
 * @param preview      the text's first characters
 */
public record FileProcessed(
        String fileId, String ownerId, String textLocation, long textLength, String textSha256, String preview)
        implements FileEvent {}
