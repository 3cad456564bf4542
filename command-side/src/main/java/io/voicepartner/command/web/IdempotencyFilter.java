package io.voicepartner.command.web;

import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.security.ApiKey;
import io.voicepartner.support.security.OrganizationAccess;
import io.voicepartner.support.web.DryRun;
import io.voicepartner.support.web.ErrorResponses;
import io.voicepartner.support.web.SecretAnswers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on a POST: the first request with a key is executed and its response kept for
 * 24 h; a retry with the same key and the same body gets that response again (marked
 * {@code Idempotent-Replayed: true}) and changes nothing. The same key with another body is refused
 * ({@code 422}), as is a retry while the first is still running ({@code 409}). Keys are per caller.
 * A response the server failed on ({@code 5xx}) is not kept, so the retry runs again. A JSON body is
 * read here to be hashed (the body limit bounds it); an upload is hashed from its spooled parts. A request
 * without a caller (sign-up) is served without its key being stored: otherwise anyone could fill the table,
 * and every anonymous client would share one namespace of keys. Neither is one whose answer shows a secret once
 * (an invitation's token, an API key, a password change's new token): a retry invites again, with a new token, or
 * creates another key. Expired keys are deleted by {@link IdempotencyKeyPurge}, and one expired but not yet deleted
 * is never replayed.
 */
@Component
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(1);

    private final IdempotencyKeys keys;
    private final ErrorResponses errors;

    IdempotencyFilter(IdempotencyKeys keys, ErrorResponses errors) {
        this.keys = keys;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // a login answers a fresh token each time, an invitation its token once: keeping either would store a
        // credential. A request without a caller keeps no key (see above)
        return !"POST".equals(request.getMethod())
                || request.getHeader(HEADER) == null
                || SecretAnswers.showsASecret(request.getRequestURI())
                // a dry run stores nothing, its key included: the same key may then run the write for real
                || DryRun.requested(request)
                || caller().isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String caller = caller().orElseThrow(() -> new IllegalStateException("only requests with a caller get here"));
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            errors.write(
                    response, ErrorCode.VALIDATION_FAILED, HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters.");
            return;
        }
        HttpServletRequest forwarded;
        byte[] hash;
        if (isMultipart(request)) {
            // an upload is hashed part by part from the parts the container spooled to disk (and refused
            // past its limit): never read into memory, and left whole for the multipart resolver after us
            Collection<Part> parts;
            try {
                parts = request.getParts();
            } catch (IllegalStateException e) {
                errors.write(response, ErrorCode.PAYLOAD_TOO_LARGE, "The upload is larger than the limit.");
                return;
            }
            hash = hash(target(request), parts);
            forwarded = request;
        } else {
            byte[] body = StreamUtils.copyToByteArray(request.getInputStream());
            hash = hash(target(request), body);
            forwarded = new CachedBodyRequest(request, body);
        }
        keys.expire(caller, key, ABANDONED_AFTER);
        if (!keys.claim(caller, key, hash)) {
            answerRetry(caller, key, hash, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        try {
            chain.doFilter(forwarded, captured);
            if (captured.getStatus() < 500) {
                keys.complete(
                        caller,
                        key,
                        new IdempotencyKeys.StoredResponse(
                                captured.getStatus(),
                                captured.getContentType(),
                                captured.getHeader(HttpHeaders.LOCATION),
                                captured.getHeader(HttpHeaders.ETAG),
                                captured.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                keys.release(caller, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void answerRetry(String caller, String key, byte[] hash, HttpServletResponse response) throws IOException {
        Optional<IdempotencyKeys.Entry> entry = keys.find(caller, key);
        if (entry.isEmpty() || !entry.get().completed()) {
            errors.write(
                    response,
                    ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
            return;
        }
        if (!Arrays.equals(entry.get().requestHash(), hash)) {
            errors.write(
                    response,
                    ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used with a different request.");
            return;
        }
        IdempotencyKeys.StoredResponse stored = entry.get().response();
        response.setStatus(stored.status());
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.setHeader(HttpHeaders.ETAG, stored.etag());
        }
        response.setHeader("Idempotent-Replayed", "true");
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body());
        }
    }

    /**
     * Who the request's bearer token names: the subject of a user's verified token, or {@code api_key:<id>} for an
     * API key (whose keys are its own, apart from its creator's); none for a request without one.
     */
    private static Optional<String> caller() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            return Optional.ofNullable(jwt.getSubject());
        }
        return authentication != null && authentication.getPrincipal() instanceof ApiKey
                ? Optional.of(authentication.getName())
                : Optional.empty();
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.MULTIPART_FORM_DATA_VALUE);
    }

    /**
     * What a key's request is sent to: its path, and the organization it acts in, so that a key sent again for
     * another organization is a different request ({@code 422}), never the replay of the first one's answer.
     */
    private static String target(HttpServletRequest request) {
        String organization = request.getHeader(OrganizationAccess.ORGANIZATION_HEADER);
        return organization == null ? request.getRequestURI() : request.getRequestURI() + " in " + organization;
    }

    private static byte[] hash(String path, byte[] body) {
        MessageDigest digest = digestOf(path);
        return digest.digest(body);
    }

    /** Each part by its name, file name, length and content: the multipart boundary is the client's to vary. */
    private static byte[] hash(String path, Collection<Part> parts) throws IOException {
        MessageDigest digest = digestOf(path);
        byte[] buffer = new byte[8192];
        for (Part part : parts) {
            String fileName = part.getSubmittedFileName();
            digest.update((part.getName() + "\u0000" + (fileName == null ? "" : fileName) + "\u0000" + part.getSize()
                            + "\u0000")
                    .getBytes(StandardCharsets.UTF_8));
            try (InputStream content = part.getInputStream()) {
                for (int n = content.read(buffer); n > 0; n = content.read(buffer)) {
                    digest.update(buffer, 0, n);
                }
            }
        }
        return digest.digest();
    }

    private static MessageDigest digestOf(String path) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(path.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream input = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return input.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return input.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return input.read(buffer, offset, length);
                }
            };
        }
    }
}
