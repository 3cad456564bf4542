package io.voicepartner.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The command side's API as a client reaches it over HTTP: sign up, log in, send JSON as a signed-in user. */
public final class HttpApi {

    /** What a route answered: the status and the JSON body (a missing node when there is none). */
    public record Answer(int status, JsonNode body) {

        public JsonNode data() {
            return body.path("data");
        }

        public String errorCode() {
            return body.path("error").path("code").asText();
        }
    }

    /** A signed-in user: their id (and personal organization's) and their bearer token. */
    public record User(String id, String email, String token) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery";

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    HttpApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Signs up and logs in; the user's id is their personal organization's. */
    public User signUp(String email, String name) {
        Answer signedUp =
                send("POST", "/api/users", null, Map.of("email", email, "password", PASSWORD, "name", name), Map.of());
        if (signedUp.status() != 201 && signedUp.status() != 202) {
            throw new IllegalStateException("sign-up answered " + signedUp);
        }
        Answer token = send("POST", "/token", null, Map.of("email", email, "password", PASSWORD), Map.of());
        return new User(
                signedUp.data().path("id").asText(),
                email,
                token.body().path("access_token").asText());
    }

    public Answer send(String method, String path, User user, Object body) {
        return send(method, path, user, body, Map.of());
    }

    public Answer send(String method, String path, User user, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (user != null) {
                request.header("Authorization", "Bearer " + user.token());
            }
            headers.forEach(request::header);
            HttpResponse<String> response =
                    client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode parsed = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
