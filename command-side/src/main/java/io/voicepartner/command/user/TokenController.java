package io.voicepartner.command.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.voicepartner.api.web.ApiErrorResponse;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.command.web.ClientAddresses;
import io.voicepartner.command.web.JsonRequestReader;
import io.voicepartner.support.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /token}: logs in with JSON {@code {email, password}} or an OAuth2-style form
 * ({@code username}, {@code password}) and answers the bearer token bare, as OAuth2 clients expect.
 */
@RestController
class TokenController {

    /** Verified when the e-mail is unknown, so that the answer takes as long as for a wrong password. */
    private final String unknownUserHash;

    private final JsonRequestReader reader;
    private final Credentials credentials;
    private final PasswordEncoder passwordEncoder;
    private final LoginThrottle throttle;
    private final ClientAddresses clients;
    private final AccessTokens accessTokens;
    private final SignIns signIns;
    private final PendingErasures erasures;

    TokenController(
            JsonRequestReader reader,
            Credentials credentials,
            PasswordEncoder passwordEncoder,
            LoginThrottle throttle,
            ClientAddresses clients,
            AccessTokens accessTokens,
            SignIns signIns,
            PendingErasures erasures) {
        this.reader = reader;
        this.credentials = credentials;
        this.passwordEncoder = passwordEncoder;
        this.throttle = throttle;
        this.clients = clients;
        this.accessTokens = accessTokens;
        this.signIns = signIns;
        this.erasures = erasures;
        this.unknownUserHash = passwordEncoder.encode("no user has this password");
    }

    record LoginRequest(String email, String password) {}

    record TokenResponse(String accessToken, String tokenType, long expiresIn) {}

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
    TokenResponse loginWithJson(@RequestBody JsonNode body, HttpServletRequest request) {
        LoginRequest login = reader.read(body, LoginRequest.class, Map.of(), Set.of("email", "password"), Set.of())
                .value();
        return login(login.email(), login.password(), clients.of(request));
    }

    @PostMapping(path = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    TokenResponse loginWithForm(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        String username = form.getFirst("username");
        String password = form.getFirst("password");
        if (username == null || password == null) {
            throw ApiException.invalid(List.of(
                    new ApiErrorResponse.FieldError(username == null ? "username" : "password", "is required")));
        }
        return login(username, password, clients.of(request));
    }

    private TokenResponse login(String email, String password, String client) {
        PasswordLength.check("password", password);
        String normalisedEmail = email.trim().toLowerCase(Locale.ROOT);
        throttle.admit(normalisedEmail, client);
        var stored = credentials.find(normalisedEmail);
        boolean matches = passwordEncoder.matches(
                password, stored.map(Credentials.Stored::passwordHash).orElse(unknownUserHash));
        if (stored.isEmpty()) {
            signIns.unknownAccount();
            throw incorrect();
        }
        Credentials.Stored account = stored.get();
        String userId = account.userId();
        if (!matches) {
            signIns.failed(userId, client);
            throw incorrect();
        }
        throttle.succeeded(normalisedEmail, client);
        // told only to whoever knows the password: to anyone else the account is as any other. A blocked erasure
        // gives the account back to the person, who alone can unblock it (ADR 0046)
        if (erasures.lockedOut(userId)) {
            throw new ApiException(
                    ErrorCode.CONFLICT,
                    "This account is being erased, as its owner asked; the erasure finishes on its own.");
        }
        // recorded before the token is given: a sign-in the audit log cannot show is refused (503), not hidden
        signIns.succeeded(userId, client);
        AccessTokens.AccessToken token = accessTokens.issue(userId, account.tokenGeneration());
        return new TokenResponse(token.value(), "bearer", token.expiresInSeconds());
    }

    /** The same answer whether the e-mail address is unknown or the password wrong. */
    private static ApiException incorrect() {
        return new ApiException(ErrorCode.INVALID_CREDENTIALS, "Incorrect e-mail or password.");
    }
}
