package io.voicepartner.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/files} as API.md specifies it, tried as a new user would: real documents, built here. */
class FilesIT extends PlatformIT {

    private static final String GERMAN = """
            Öffnungszeiten der Praxis Dr. Weber
            Montag bis Freitag: 8–18 Uhr. Grüße aus Köln, Straße 5, Maß und Übermaß.
            """;

    private Api alice;
    private Api.User aliceUser;

    @BeforeEach
    void signUp() {
        aliceUser = api().signUp();
        alice = api().as(aliceUser);
    }

    @Test
    void aGermanTextIsUploadedAndItsTextReadWithItsUmlauts() {
        Api.Response created = alice.upload(
                "/api/files",
                Map.of("description", "Wann wir da sind"),
                "Öffnungszeiten.txt",
                GERMAN.getBytes(StandardCharsets.UTF_8));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode file = created.data();
        String id = file.path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/files/" + id);
        if (file.path("revision").asLong() == 1) {
            assertThat(file.path("status").asText()).isEqualTo("uploading");
        }
        assertThat(file.path("filename").asText()).isEqualTo(id + ".txt");
        assertThat(file.path("original_name").asText()).isEqualTo("Öffnungszeiten.txt");
        assertThat(file.path("file_type").asText()).isEqualTo("txt");
        assertThat(file.path("content_type").asText()).isEqualTo("text/plain");
        assertThat(file.path("file_size").asLong()).isEqualTo(GERMAN.getBytes(StandardCharsets.UTF_8).length);
        assertThat(file.has("s3_url"))
                .as("where the bytes are stored is the platform's business")
                .isFalse();
        assertThat(file.path("description").asText()).isEqualTo("Wann wir da sind");
        assertThat(file.path("used_by")).isEmpty();

        JsonNode processed = awaitStatus(id, "processed");

        assertThat(processed.path("extracted_text_length").asLong())
                .isGreaterThanOrEqualTo(GERMAN.strip().length());
        assertThat(processed.path("extracted_text_preview").asText())
                .startsWith("Öffnungszeiten der Praxis Dr. Weber Montag bis Freitag");
        Api.Response text = alice.get("/api/files/" + id + "/text");
        assertThat(text.status()).isEqualTo(200);
        assertThat(text.header("Content-Type")).isEqualToIgnoringCase("text/plain;charset=UTF-8");
        assertThat(text.text()).contains("Grüße aus Köln, Straße 5, Maß und Übermaß.");
    }

    @Test
    void aPdfIsReadAndItsBytesServedBackAsTheyWereUploaded() throws IOException {
        byte[] pdf = pdf("Preisliste 2026: Prophylaxe für 89 Euro");
        String id = upload("Preisliste 2026 \"neu\".pdf", pdf);

        awaitStatus(id, "processed");

        assertThat(alice.get("/api/files/" + id + "/text").text()).contains("Preisliste 2026: Prophylaxe für 89 Euro");
        Api.Download content = alice.download("/api/files/" + id + "/content");
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);
        assertThat(content.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(content.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"Preisliste 2026 _neu_.pdf\"; "
                        + "filename*=UTF-8''Preisliste%202026%20%22neu%22.pdf");
        assertThat(alice.get("/api/files/" + id).data().path("file_type").asText())
                .isEqualTo("pdf");
    }

    @Test
    void aDocxIsReadToo() throws IOException {
        String id = upload("Hausordnung.docx", docx("Bitte klingeln Sie zweimal. Schöne Grüße!"));

        JsonNode processed = awaitStatus(id, "processed");

        assertThat(processed.path("file_type").asText()).isEqualTo("docx");
        assertThat(alice.get("/api/files/" + id + "/text").text())
                .contains("Bitte klingeln Sie zweimal. Schöne Grüße!");
        assertThat(alice.download("/api/files/" + id + "/content").header("Content-Type"))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void theTypeComesFromTheContentAndTheNameOnlyTellsPlainTextsApart() {
        String html = upload(
                "seite.txt",
                "<!DOCTYPE html><html><body><h1>Willkommen</h1><p>Schön, dass Sie da sind.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
        String markdown = upload("notes.md", "# Notizen\n\n- Termin *morgen*".getBytes(StandardCharsets.UTF_8));
        String csv = upload("preise.csv", "Leistung;Preis\nProphylaxe;89\n".getBytes(StandardCharsets.UTF_8));
        String json = upload(
                "faq.json", "{\"frage\": \"Parken?\", \"antwort\": \"Im Hof\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(awaitStatus(html, "processed").path("file_type").asText()).isEqualTo("html");
        assertThat(alice.get("/api/files/" + html + "/text").text())
                .contains("Willkommen")
                .contains("Schön, dass Sie da sind.")
                .doesNotContain("<h1>");
        assertThat(awaitStatus(markdown, "processed").path("file_type").asText())
                .isEqualTo("md");
        assertThat(awaitStatus(csv, "processed").path("file_type").asText()).isEqualTo("csv");
        assertThat(awaitStatus(json, "processed").path("file_type").asText()).isEqualTo("json");
        assertThat(alice.get("/api/files/" + json + "/text").text()).contains("Im Hof");
    }

    @Test
    void anExecutableIsRefusedWhateverItIsCalled() {
        byte[] windows = new byte[4096];
        windows[0] = 'M';
        windows[1] = 'Z';
        byte[] linux = new byte[4096];
        System.arraycopy(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1}, 0, linux, 0, 7);

        for (byte[] executable : List.of(windows, linux)) {
            Api.Response refused = alice.upload("/api/files", Map.of(), "invoice.pdf", executable);

            assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
            assertThat(refused.error().path("code").asText()).isEqualTo("unsupported_media_type");
        }
        assertThat(alice.get("/api/files").data()).isEmpty();
    }

    @Test
    void anUploadOverTheLimitIsRefusedBeforeItsBodyIsReadAndTheServerStaysResponsive() throws IOException {
        String response = uploadDeclaring(26L * 1024 * 1024, 16 * 1024);

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"code\":\"payload_too_large\"");
        assertThat(alice.get("/api/files").status()).isEqualTo(200);
        assertThat(alice.get("/api/files").data()).isEmpty();
    }

    @Test
    void aClientThatSendsAllOfAnOversizedUploadBeforeReadingGetsThe413NotABrokenPipe() throws IOException {
        long size = 26L * 1024 * 1024;

        String response = uploadDeclaring(size, size);

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("\"code\":\"payload_too_large\"");
        assertThat(alice.get("/api/files").data()).isEmpty();
    }

    @Test
    void aDamagedPdfEndsInErrorWithAReason() {
        String id = upload(
                "kaputt.pdf",
                "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ngarbage"
                        .getBytes(StandardCharsets.US_ASCII));

        JsonNode failed = awaitStatus(id, "error");

        assertThat(failed.path("error_message").asText()).contains("could not be read as pdf");
        assertThat(failed.path("extracted_text_length").isNull()).isTrue();
        Api.Response text = alice.get("/api/files/" + id + "/text");
        assertThat(text.status()).isEqualTo(409);
        assertThat(text.error().path("code").asText()).isEqualTo("conflict");
        assertThat(alice.download("/api/files/" + id + "/content").status()).isEqualTo(200);
    }

    /**
     * A DOCX whose body is 64 MiB of spaces packed into a few hundred KiB: refused by its ratio before a parser opens
     * it, as the file's error, and the next upload is read as ever.
     */
    @Test
    void aZipBombEndsInErrorWithAReasonAndTheNextFileIsRead() throws IOException {
        String bomb = upload("Bombe.docx", docxWithBody(64 * 1024 * 1024));
        String next = upload("Hausordnung.docx", docx("Bitte klingeln Sie zweimal."));

        JsonNode failed = awaitStatus(bomb, "error");

        assertThat(failed.path("error_message").asText())
                .isEqualTo(
                        "One of its parts expands more than 100 times its size (like a zip bomb), so it was not read.");
        assertThat(awaitStatus(next, "processed").path("extracted_text_length").asLong())
                .isPositive();
    }

    @Test
    void onlyTheDescriptionCanBeChanged() {
        String id = upload("notes.txt", "Notizen".getBytes(StandardCharsets.UTF_8));
        awaitStatus(id, "processed");

        Api.Response described = alice.put("/api/files/" + id, Map.of("description", "Meine Notizen"));
        Api.Response renamed =
                alice.put("/api/files/" + id, Map.of("original_name", "x.txt", "status", "error", "colour", "blue"));
        Api.Response cleared = alice.send("PATCH", "/api/files/" + id, "{\"description\": null}", "application/json");

        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.data().path("description").asText()).isEqualTo("Meine Notizen");
        assertThat(described.data().path("revision").asLong()).isEqualTo(3);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.error().path("details").findValuesAsText("field"))
                .containsExactly("colour", "original_name", "status");
        assertThat(cleared.data().path("description").isNull()).isTrue();
        assertThat(alice.withHeader("If-Match", "\"3\"")
                        .put("/api/files/" + id, Map.of("description", "alt"))
                        .status())
                .isEqualTo(412);
    }

    @Test
    void aDeletedFileIsGoneWithItsStoredBytesAndText() {
        String id = upload("notes.txt", "Notizen".getBytes(StandardCharsets.UTF_8));
        awaitStatus(id, "processed");
        Path bytes = Path.of(TestInfrastructure.fileStorageDirectory(), id);
        assertThat(bytes).exists();

        Api.Response deleted = alice.delete("/api/files/" + id);

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.data().path("deleted").asBoolean()).isTrue();
        for (String route : List.of("", "/text", "/content")) {
            assertThat(alice.get("/api/files/" + id + route).status()).as(route).isEqualTo(404);
        }
        assertThat(alice.delete("/api/files/" + id).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(bytes).doesNotExist();
            assertThat(Path.of(bytes + ".txt")).doesNotExist();
        });
    }

    @Test
    void anotherUsersFileDoesNotExistOnAnyRoute() {
        Api bob = api().as(api().signUp());
        String id = upload("privat.txt", "Geheim".getBytes(StandardCharsets.UTF_8));
        awaitStatus(id, "processed");

        for (String route : List.of("", "/text", "/content")) {
            Api.Response response = bob.get("/api/files/" + id + route);
            assertThat(response.status()).as(route).isEqualTo(404);
            assertThat(response.text()).doesNotContain("Geheim");
        }
        assertThat(bob.put("/api/files/" + id, Map.of("description", "meins")).status())
                .isEqualTo(404);
        assertThat(bob.delete("/api/files/" + id).status()).isEqualTo(404);
        assertThat(bob.get("/api/files").data()).isEmpty();
        assertThat(alice.get("/api/files/" + id).data().path("revision").asLong())
                .isEqualTo(2);
    }

    @Test
    void listsNewestFirstFilteredByStatusTypeAndName() {
        List<String> ids = new ArrayList<>();
        ids.add(upload("Preise Januar.csv", "a;b\n1;2\n".getBytes(StandardCharsets.UTF_8)));
        ids.add(upload("preise februar.txt", "Preise".getBytes(StandardCharsets.UTF_8)));
        ids.add(upload("kaputt.pdf", "%PDF-1.4 nothing".getBytes(StandardCharsets.US_ASCII)));
        awaitStatus(ids.get(0), "processed");
        awaitStatus(ids.get(1), "processed");
        awaitStatus(ids.get(2), "error");

        Api.Response first = alice.get("/api/files?limit=2");
        Api.Response rest = alice.get("/api/files/?limit=2&cursor="
                + first.json().path("meta").path("next_cursor").asText());

        List<String> listed = new ArrayList<>(first.data().findValuesAsText("id"));
        listed.addAll(rest.data().findValuesAsText("id"));
        Collections.reverse(ids);
        assertThat(listed).containsExactlyElementsOf(ids);
        assertThat(first.json().path("meta").path("total").asLong()).isEqualTo(3);
        assertThat(names("/api/files?status=error")).containsExactly("kaputt.pdf");
        assertThat(names("/api/files?file_type=csv")).containsExactly("Preise Januar.csv");
        assertThat(names("/api/files?q=PREISE")).containsExactly("preise februar.txt", "Preise Januar.csv");
        assertThat(alice.get("/api/files?status=done&file_type=exe")
                        .error()
                        .path("details")
                        .findValuesAsText("field"))
                .containsExactlyInAnyOrder("status", "file_type");
    }

    @Test
    void anUploadRetriedWithItsIdempotencyKeyIsStoredOnce() {
        Api keyed = alice.withHeader("Idempotency-Key", "upload-" + aliceUser.id());
        byte[] content = "Einmal genügt".getBytes(StandardCharsets.UTF_8);

        Api.Response first = keyed.upload("/api/files", Map.of("description", "eins"), "einmal.txt", content);
        Api.Response retry = keyed.upload("/api/files", Map.of("description", "eins"), "einmal.txt", content);
        Api.Response other = keyed.upload(
                "/api/files", Map.of("description", "eins"), "einmal.txt", "Zweimal".getBytes(StandardCharsets.UTF_8));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.data().path("id").asText())
                .isEqualTo(first.data().path("id").asText());
        assertThat(other.status()).isEqualTo(422);
        assertThat(alice.get("/api/files").data()).hasSize(1);
    }

    @Test
    void anUploadNamesWhatIsMissingOrWrong() {
        Api.Response noFile = alice.upload("/api/files", Map.of("description", "x".repeat(2001)), null, null);
        Api.Response empty = alice.upload("/api/files", Map.of(), "leer.txt", new byte[0]);
        Api.Response json = alice.post("/api/files", Map.of("file", "hello"));

        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.error().path("details").findValuesAsText("field")).containsExactly("file", "description");
        assertThat(empty.error().path("details").findValuesAsText("field")).containsExactly("file");
        assertThat(json.status()).isEqualTo(415);
    }

    private String upload(String name, byte[] content) {
        Api.Response created = alice.upload("/api/files", Map.of(), name, content);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.data().path("id").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> alice.get("/api/files/" + id).data(),
                        file -> status.equals(file.path("status").asText()));
    }

    private List<String> names(String path) {
        Api.Response response = alice.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.data().findValuesAsText("original_name");
    }

    /**
     * An upload that declares a body of {@code size} bytes but sends only its first kilobytes, as a raw
     * request: the server must answer from the declared length alone, without waiting for the rest.
     */
    /** Declares an upload of {@code size} bytes, sends {@code sent} of them, and only then reads the answer. */
    private String uploadDeclaring(long size, long sent) throws IOException {
        String head = """
                --b\r
                Content-Disposition: form-data; name="file"; filename="big.txt"\r
                Content-Type: text/plain\r
                \r
                """;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + aliceUser.token()
                            + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                            + (head.length() + size)
                            + "\r\n\r\n" + head)
                    .getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[64 * 1024];
            for (long written = 0; written < sent; written += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, sent - written));
            }
            out.flush();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    response.write(buffer, 0, n);
                    if (complete(response)) {
                        break;
                    }
                }
            } catch (SocketException e) {
                // the server may reset a connection whose body it will not read, once it has answered
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(ByteArrayOutputStream response) {
        return response.toString(StandardCharsets.UTF_8).contains("payload_too_large\"");
    }

    private static byte[] pdf(String line) throws IOException {
        try (PDDocument document = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(line);
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    /** A real DOCX whose {@code word/document.xml} is {@code spaces} spaces inside an empty body. */
    private static byte[] docxWithBody(int spaces) throws IOException {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream original = new ZipInputStream(new ByteArrayInputStream(docx("")));
                ZipOutputStream out = new ZipOutputStream(bomb)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (ZipEntry entry = original.getNextEntry(); entry != null; entry = original.getNextEntry()) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("word/document.xml")) {
                    out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                                    + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>")
                            .getBytes(StandardCharsets.UTF_8));
                    byte[] block = new byte[1024 * 1024];
                    Arrays.fill(block, (byte) ' ');
                    for (int written = 0; written < spaces; written += block.length) {
                        out.write(block, 0, Math.min(block.length, spaces - written));
                    }
                    out.write("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
                } else {
                    original.transferTo(out);
                }
                out.closeEntry();
            }
        }
        return bomb.toByteArray();
    }

    private static byte[] docx(String paragraph) throws IOException {
        try (XWPFDocument document = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText(paragraph);
            document.write(out);
            return out.toByteArray();
        }
    }
}
