package io.voicepartner.command.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.file.DeleteFile;
import io.voicepartner.api.file.RestoreFile;
import io.voicepartner.api.file.UpdateFileDescription;
import io.voicepartner.command.web.Commands;
import io.voicepartner.command.web.Ids;
import io.voicepartner.command.web.IfMatch;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.web.ApiException;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The file write routes: upload ({@code multipart/form-data}), a new description, delete. Each answers
 * what a read shows; an upload answers {@code 201} with {@code status: "uploading"}, and its text is
 * extracted in the background ({@link FileProcessing}).
 */
@Requires(Permission.WRITE)
@RestController
class FileWriteController {

    private static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final String UPLOAD_ANEW = "belongs to the uploaded file; upload a new file to change it";
    private static final String SERVER_OWNED = "is set by the server and cannot be written";
    private static final Map<String, String> NOT_WRITABLE = Map.ofEntries(
            Map.entry("filename", UPLOAD_ANEW),
            Map.entry("original_name", UPLOAD_ANEW),
            Map.entry("file_type", UPLOAD_ANEW),
            Map.entry("file_size", UPLOAD_ANEW),
            Map.entry("sha256", UPLOAD_ANEW),
            Map.entry("s3_url", SERVER_OWNED),
            Map.entry("status", SERVER_OWNED),
            Map.entry("error_message", SERVER_OWNED),
            Map.entry("extracted_text_length", SERVER_OWNED),
            Map.entry("extracted_text_preview", SERVER_OWNED),
            Map.entry("used_by", "is set by the server; assign files through /api/assistants/{id}/files"));

    private final Commands commands;
    private final Ids ids;
    private final JsonRequestReader reader;
    private final WriteResponses responses;
    private final FileUploads uploads;

    FileWriteController(
            Commands commands, Ids ids, JsonRequestReader reader, WriteResponses responses, FileUploads uploads) {
        this.commands = commands;
        this.ids = ids;
        this.reader = reader;
        this.responses = responses;
        this.uploads = uploads;
    }

    @PostMapping(
            path = {"/api/files", "/api/files/"},
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Object> upload(
            @RequestParam(name = "file", required = false) MultipartFile file,
            @RequestParam(name = "description", required = false) String description,
            Caller caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        String id = ids.next();
        uploads.upload(id, caller.organizationId(), caller.actor(), file, description);
        return responses.created(FileIds.location(id), id, 1, caller, authorization);
    }

    @RequestMapping(
            path = "/api/files/{id}",
            method = {RequestMethod.PUT, RequestMethod.PATCH},
            consumes = {MediaType.APPLICATION_JSON_VALUE, MERGE_PATCH_JSON})
    ResponseEntity<Object> update(
            @PathVariable String id,
            @RequestBody JsonNode body,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        FileIds.require(id);
        Long expectedRevision = IfMatch.expectedRevision(ifMatch);
        JsonRequestReader.Sent<FileRequest> sent =
                reader.read(body, FileRequest.class, NOT_WRITABLE, Set.of(), Set.of());
        if (!sent.has("description")) {
            throw ApiException.invalid("description", "is required: it is the only field of a file that changes");
        }
        long revision = commands.send(
                new UpdateFileDescription(
                        id,
                        caller.organizationId(),
                        expectedRevision,
                        sent.value().description()),
                caller.actor());
        return responses.updated(FileIds.location(id), id, revision, caller, authorization);
    }

    @DeleteMapping("/api/files/{id}")
    ResponseEntity<Object> delete(
            @PathVariable String id,
            Caller caller,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        FileIds.require(id);
        long revision = commands.send(
                new DeleteFile(id, caller.organizationId(), IfMatch.expectedRevision(ifMatch)), caller.actor());
        return responses.deleted(FileIds.location(id), id, revision, caller, authorization);
    }

    /** Always refused with {@code 409}: deleting a file removed its bytes (ADR 0011); the message says so. */
    @PostMapping("/api/files/{id}/restore")
    ResponseEntity<Object> restore(
            @PathVariable String id, Caller caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        FileIds.require(id);
        long revision = commands.send(new RestoreFile(id, caller.organizationId()), caller.actor());
        return responses.updated(FileIds.location(id), id, revision, caller, authorization);
    }
}
