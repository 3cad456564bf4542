package io.voicepartner.query.file;

import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** Where a file's text extraction is: {@code uploading} until it is done, then its outcome. */
enum FileStatus {
    UPLOADING,
    PROCESSED,
    ERROR;

    @JsonValue
    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FileStatus fromWireName(String value) {
        return WireNames.parse(FileStatus.class, value, FileStatus::wireName);
    }
}
