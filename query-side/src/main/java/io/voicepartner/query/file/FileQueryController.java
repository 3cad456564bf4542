package io.voicepartner.query.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voicepartner.api.file.FileType;
import io.voicepartner.api.messaging.AggregateType;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.api.web.PageMeta;
import io.voicepartner.query.history.PointInTime;
import io.voicepartner.query.web.Cursors;
import io.voicepartner.query.web.ListParameters;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.ResourceByIdRoute;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Permission;
import io.voicepartner.support.security.Requires;
import io.voicepartner.support.storage.FileStorage;
import io.voicepartner.support.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The file read routes: only the caller's own files exist for them, on every route. {@code /text} and
 * {@code /content} serve the stored text and bytes as they are, not in the envelope; their refusals are
 * envelopes as everywhere. The text of a file not processed yet, or whose extraction failed, is a
 * {@code 409 conflict}: the file exists, its text does not (yet).
 */
@Requires(Permission.READ)
@RestController
class FileQueryController implements ResourceByIdRoute {

    private static final String ONE = "/api/files/{id}";

    private static final MediaType TEXT_UTF_8 = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final FileRows rows;
    private final Reads reads;
    private final PointInTime pointInTime;
    private final ObjectMapper objectMapper;
    private final FileStorage storage;

    FileQueryController(
            FileRows rows, Reads reads, FileStorage storage, PointInTime pointInTime, ObjectMapper objectMapper) {
        this.rows = rows;
        this.reads = reads;
        this.pointInTime = pointInTime;
        this.objectMapper = objectMapper;
        this.storage = storage;
    }

    @GetMapping({"/api/files", "/api/files/"})
    ApiResponse<List<FileView>> list(
            Caller caller,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String status,
            @RequestParam(name = "file_type", required = false) String fileType,
            @RequestParam(required = false) String q) {
        ListParameters parameters = new ListParameters();
        int pageSize = parameters.limit(limit);
        String after = parameters.cursor(cursor);
        FileRows.Filter filter = new FileRows.Filter(
                parameters.parsed("status", status, FileStatus::fromWireName),
                parameters.parsed("file_type", fileType, FileType::fromWireName),
                parameters.query(q));
        parameters.validate();
        FileRows.Page page = rows.list(caller.organizationId(), filter, after, pageSize);
        String nextCursor = page.hasMore()
                ? Cursors.encode(page.items().get(page.items().size() - 1).id())
                : null;
        return ApiResponse.page(page.items(), new PageMeta(pageSize, nextCursor, page.total()));
    }

    @Override
    @GetMapping(ONE)
    public ResponseEntity<ApiResponse<FileView>> get(
            @PathVariable String id,
            Caller caller,
            @RequestParam(name = PointInTime.AS_OF, required = false) String asOf,
            @RequestParam(name = PointInTime.REVISION, required = false) String revision,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Optional<ObjectNode> then =
                pointInTime.state(AggregateType.FILE, "File", caller.organizationId(), id, asOf, revision);
        if (then.isPresent()) {
            return ResponseEntity.ok(ApiResponse.of(asItWas(then.get(), caller.organizationId(), id)));
        }
        return reads.one(
                "File",
                id,
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.organizationId(), id).orElse(0),
                () -> rows.find(caller.organizationId(), id),
                FileView::revision);
    }

    @GetMapping("/api/files/{id}/text")
    ResponseEntity<Resource> text(@PathVariable String id, Caller caller) throws IOException {
        FileRows.Stored file = stored(caller, id);
        if (file.status() == FileStatus.UPLOADING) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "File '" + id + "' is not processed yet; " + "its text can be read once its status is processed.");
        }
        if (file.status() == FileStatus.ERROR) {
            throw new ApiException(ErrorCode.CONFLICT, "File '" + id + "' has no text: " + file.errorMessage());
        }
        return ResponseEntity.ok().contentType(TEXT_UTF_8).body(new InputStreamResource(open(id, file.textLocation())));
    }

    @GetMapping("/api/files/{id}/content")
    ResponseEntity<Resource> content(@PathVariable String id, Caller caller) throws IOException {
        FileRows.Stored file = stored(caller, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.fileType().mediaType()))
                .contentLength(file.fileSize())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(file.originalName()))
                // an uploaded HTML file is the uploader's, not ours: never run it in the API's origin
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(open(id, file.storageLocation())));
    }

    private FileRows.Stored stored(Caller caller, String id) {
        return rows.stored(caller.organizationId(), id).orElseThrow(() -> ApiException.notFound("File", id));
    }

    /** Bytes removed by a deletion that the read model has not seen yet are a file that is gone. */
    private InputStream open(String id, String location) throws IOException {
        try {
            return storage.open(location);
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("File", id);
        }
    }

    /** The file as it was then; the assistants using it are today's (none if deleted). */
    private FileView asItWas(ObjectNode state, String ownerId, String id) {
        Optional<FileView> now = rows.find(ownerId, id);
        state.set("used_by", objectMapper.valueToTree(now.map(FileView::usedBy).orElse(List.of())));
        return objectMapper.convertValue(state, FileView.class);
    }

    @Override
    public String pattern() {
        return ONE;
    }
}
