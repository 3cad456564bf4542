package io.voicepartner.query.user;

import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.query.web.Reads;
import io.voicepartner.query.web.SingleResourceRoute;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Personal;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@Personal
@RestController
class UserQueryController implements SingleResourceRoute {

    private static final String ONE = "/api/users/me";

    private final UserRows rows;
    private final Reads reads;

    UserQueryController(UserRows rows, Reads reads) {
        this.rows = rows;
        this.reads = reads;
    }

    @GetMapping(ONE)
    ResponseEntity<ApiResponse<UserView>> me(
            Caller caller,
            @RequestHeader(name = Reads.MIN_REVISION, required = false) String minRevision,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        return reads.one(
                "User",
                caller.userId(),
                minRevision,
                ifNoneMatch,
                () -> rows.revisionOf(caller.userId()).orElse(0),
                () -> rows.find(caller.userId()),
                UserView::revision);
    }

    @Override
    public String pattern() {
        return ONE;
    }

    @Override
    public ResponseEntity<?> read(Map<String, String> path, Caller caller, String minRevision) {
        return me(caller, minRevision, null);
    }
}
