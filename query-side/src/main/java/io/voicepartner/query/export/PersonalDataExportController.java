package io.voicepartner.query.export;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Personal;
import io.voicepartner.support.web.ApiException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/users/me/export}: everything held about the signed-in person, in JSON (issue 21). */
@Personal
@RestController
class PersonalDataExportController {

    private final PersonalDataExports exports;

    PersonalDataExportController(PersonalDataExports exports) {
        this.exports = exports;
    }

    /** Never kept by a cache on the way: it is all personal data. */
    @GetMapping("/api/users/me/export")
    ResponseEntity<ApiResponse<PersonalDataExport>> export(Caller caller) {
        return exports.of(caller.userId())
                .map(export ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(ApiResponse.of(export)))
                .orElseThrow(() -> ApiException.notFound("User", caller.userId()));
    }
}
