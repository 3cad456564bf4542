package io.voicepartner.api.file;

/** What can be asked of a knowledge file: by its owner, or by the platform's text extraction. */
public sealed interface FileCommand
        permits UploadFile, CompleteFileProcessing, FailFileProcessing, UpdateFileDescription, DeleteFile, RestoreFile {

    String fileId();
}
