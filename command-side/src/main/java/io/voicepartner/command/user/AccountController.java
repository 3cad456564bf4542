package io.voicepartner.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiResponse;
import io.voicepartner.command.web.ClientAddresses;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.ReadYourWrites;
import io.voicepartner.support.security.Caller;
import io.voicepartner.support.security.Personal;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's own account: changing its password, signing out and closing it (ADR 0034). */
@RestController
@Personal
class AccountController {

    private static final Set<String> BOTH_PASSWORDS = Set.of("current_password", "new_password");
    private static final Set<String> PASSWORD = Set.of("password");

    /** A sign-out, done: the account's revision it reached. */
    record SignedOutView(boolean signedOut, long revision) {}

    /**
     * An erasure: done, or recorded and left to finish on its own; the organizations deleted with the person, and
     * those they left (or will have, once it finishes).
     */
    record ErasedView(boolean erased, List<String> deletedOrganizations, List<String> leftOrganizations) {}

    private final JsonRequestReader reader;
    private final ClientAddresses clients;
    private final AccountLifecycle lifecycle;
    private final ReadYourWrites readYourWrites;

    AccountController(
            JsonRequestReader reader,
            ClientAddresses clients,
            AccountLifecycle lifecycle,
            ReadYourWrites readYourWrites) {
        this.reader = reader;
        this.clients = clients;
        this.lifecycle = lifecycle;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Answers a token of the new generation, once the account, read with it, shows the change: the token the request
     * came with is refused from then on, like every other one issued before.
     */
    @PostMapping(path = "/api/users/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse<TokenController.TokenResponse> changePassword(
            @RequestBody JsonNode body, Caller caller, HttpServletRequest http) {
        PasswordChangeRequest request = reader.read(
                        body, PasswordChangeRequest.class, Map.of(), BOTH_PASSWORDS, BOTH_PASSWORDS)
                .value();
        AccountLifecycle.Changed changed = lifecycle.changePassword(caller.userId(), request, clients.of(http));
        // a read side that has not caught up in time still gets the answer: the token would otherwise be lost
        readYourWrites.await(
                "/api/users/me",
                changed.revision(),
                caller,
                "Bearer " + changed.token().value());
        return ApiResponse.of(new TokenController.TokenResponse(
                changed.token().value(), "bearer", changed.token().expiresInSeconds()));
    }

    /** Revokes the token the request came with; the person's other tokens (other devices) stay valid. */
    @PostMapping("/api/users/me/sign-out")
    ApiResponse<SignedOutView> signOut(Caller caller) {
        Jwt token = presented();
        Instant expiresAt = token.getExpiresAt();
        return ApiResponse.of(new SignedOutView(true, lifecycle.signOut(caller.userId(), token.getId(), expiresAt)));
    }

    /**
     * Erases the person (issue 21). The answer does not wait for the read sides: the token it came with is refused
     * from now on, so nothing could be read with it; each side refuses it once it has the event. {@code 202} when a
     * step failed: the erasure is recorded and finishes on its own (ADR 0043).
     */
    // no consumes: whoever may not close an account (an API key) is told so, 403, whatever it sends
    @DeleteMapping("/api/users/me")
    ResponseEntity<ApiResponse<ErasedView>> erase(@RequestBody JsonNode body, Caller caller, HttpServletRequest http) {
        AccountErasureRequest request = reader.read(body, AccountErasureRequest.class, Map.of(), PASSWORD, PASSWORD)
                .value();
        AccountLifecycle.Erased erased = lifecycle.erase(caller.userId(), request.password(), clients.of(http));
        return ResponseEntity.status(erased.finished() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(ApiResponse.of(
                        new ErasedView(erased.finished(), erased.deletedOrganizations(), erased.leftOrganizations())));
    }

    /** The verified token itself: a {@link Personal} route is only ever reached with a user's token, never a key. */
    private static Jwt presented() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return jwt;
        }
        throw new IllegalStateException("a personal route was reached without a user's token");
    }
}
