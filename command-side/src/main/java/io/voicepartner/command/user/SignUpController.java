package io.voicepartner.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.command.web.ClientAddresses;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.command.web.WriteResponses;
import io.voicepartner.support.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SignUpController {

    private final SignUpLimits limits;
    private final ClientAddresses clients;
    private final JsonRequestReader reader;
    private final SignUp signUp;
    private final AccessTokens accessTokens;
    private final WriteResponses responses;

    SignUpController(
            SignUpLimits limits,
            ClientAddresses clients,
            JsonRequestReader reader,
            SignUp signUp,
            AccessTokens accessTokens,
            WriteResponses responses) {
        this.limits = limits;
        this.clients = clients;
        this.reader = reader;
        this.signUp = signUp;
        this.accessTokens = accessTokens;
        this.responses = responses;
    }

    /** Answers with the new user as {@code GET /api/users/me} shows it, read with a token minted for them. */
    @PostMapping(
            path = {"/api/users", "/api/users/"},
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> signUp(@RequestBody JsonNode body, HttpServletRequest http) {
        limits.admit(clients.of(http));
        SignUpRequest request = reader.read(body, SignUpRequest.class, Map.of(), Set.of("email", "password"), Set.of())
                .value();
        PasswordLength.check("password", request.password());
        // a new account has never changed its password
        String userId = signUp.register(request.email(), request.password(), request.name());
        String authorization = "Bearer " + accessTokens.issue(userId, 0).value();
        return responses.created("/api/users/me", userId, 1, Caller.personal(userId), authorization);
    }
}
