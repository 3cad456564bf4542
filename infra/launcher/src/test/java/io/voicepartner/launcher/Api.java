package io.voicepartner.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.voicepartner.support.json.JsonConventions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A frontend's view of the API over real HTTP: requests as a user, responses as JSON. */
final class Api {

    static final ObjectMapper JSON = JsonConventions.newObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A signed-up user with a bearer token. */
    record User(String id, String email, String password, String token) {}

    record Response(int status, Map<String, String> headers, String text) {

        JsonNode json() {
            try {
                return text.isEmpty() ? MissingNode.getInstance() : JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }

        JsonNode data() {
            return json().path("data");
        }

        JsonNode error() {
            return json().path("error");
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    /** A response whose body is bytes, as {@code /api/files/{id}/content} serves them. */
    record Download(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final String baseUrl;
    private final Map<String, String> headers;

    Api(String baseUrl) {
        this(baseUrl, Map.of());
    }

    private Api(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** Where this client sends its requests, e.g. {@code http://127.0.0.1:8080}. */
    String baseUrl() {
        return baseUrl;
    }

    Api as(User user) {
        return withHeader("Authorization", "Bearer " + user.token());
    }

    /** The headers every request of this client carries (its token, its organization). */
    Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    /** This client's requests with {@code more} headers, as another platform's client sends them. */
    Api withHeaders(Map<String, String> more) {
        Api api = this;
        for (Map.Entry<String, String> header : more.entrySet()) {
            api = api.withHeader(header.getKey(), header.getValue());
        }
        return api;
    }

    Api withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(baseUrl, more);
    }

    Response get(String path) {
        return send("GET", path, null, "application/json");
    }

    Response post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    Response patch(String path, Object body) {
        return send("PATCH", path, body, "application/json");
    }

    Response delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    /** A browser's file upload: {@code multipart/form-data} with the form's text fields and one file. */
    Response upload(String path, Map<String, String> fields, String fileName, byte[] content) {
        String boundary = "----voicepartner-test-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        if (fileName != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        headers.forEach(request::header);
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), headersOf(response), response.body());
    }

    Download download(String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        headers.forEach(request::header);
        HttpResponse<byte[]> response = exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), headersOf(response), response.body());
    }

    private static <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> headersOf(HttpResponse<?> response) {
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers()
                .map()
                .forEach((name, values) -> responseHeaders.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        return responseHeaders;
    }

    /** @param body a JSON string sent as is, or an object serialized to JSON, or {@code null} */
    Response send(String method, String path, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        headers.forEach(request::header);
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : write(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, publisher);
        HttpResponse<String> response = exchange(request.build(), Api::untilAStream);
        return new Response(response.statusCode(), headersOf(response), response.body());
    }

    /**
     * The body as text; but a stream of server-sent events, which never ends, is closed unread once its status and
     * headers are in: what the generated route tests need of {@code /api/events/stream} is its answer, not its events.
     */
    private static HttpResponse.BodySubscriber<String> untilAStream(HttpResponse.ResponseInfo info) {
        boolean stream = info.headers()
                .firstValue("Content-Type")
                .filter(type -> type.startsWith("text/event-stream"))
                .isPresent();
        if (!stream) {
            return HttpResponse.BodyHandlers.ofString().apply(info);
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), body -> {
            try {
                body.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "";
        });
    }

    /** A body sent as raw bytes, for bodies a string cannot hold (invalid UTF-8). */
    Response sendBytes(String method, String path, byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        headers.forEach(request::header);
        request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = exchange(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), headersOf(response), response.body());
    }

    /** Signs up a new user with a unique e-mail and logs them in. */
    User signUp() {
        String email = "user-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery";
        Response signUp = post("/api/users", Map.of("email", email, "password", password, "name", "Test User"));
        // a 202 is a registration stored but not yet visible: the login below does not need the read model
        if (signUp.status() != 201 && signUp.status() != 202) {
            throw new IllegalStateException("sign-up failed: " + signUp);
        }
        return new User(signUp.data().path("id").asText(), email, password, login(email, password));
    }

    String login(String email, String password) {
        Response token = post("/token", Map.of("email", email, "password", password));
        return Optional.ofNullable(token.json().get("access_token"))
                .map(JsonNode::asText)
                .orElseThrow(() -> new IllegalStateException("login failed: " + token));
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
