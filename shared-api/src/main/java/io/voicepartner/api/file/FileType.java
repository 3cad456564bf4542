package io.voicepartner.api.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.voicepartner.api.common.WireNames;
import java.util.Locale;

/** The kinds of knowledge file the platform takes, each with the media type its bytes are served with. */
public enum FileType {
    PDF("application/pdf"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    TXT("text/plain"),
    MD("text/markdown"),
    CSV("text/csv"),
    HTML("text/html"),
    JSON("application/json");

    private final String mediaType;

    FileType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FileType fromWireName(String value) {
        return WireNames.parse(FileType.class, value, FileType::wireName);
    }
}
