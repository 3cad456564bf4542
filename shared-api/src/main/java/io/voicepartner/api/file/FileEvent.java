package io.voicepartner.api.file;

import io.voicepartner.api.messaging.DomainEvent;

/** What happened to a knowledge file; published on {@code voicepartner.files}. Never carries the file's text. */
public sealed interface FileEvent extends DomainEvent
        permits FileUploaded, FileProcessed, FileProcessingFailed, FileDescriptionUpdated, FileDeleted {

    String fileId();

    @Override
    default String aggregateId() {
        return fileId();
    }
}
