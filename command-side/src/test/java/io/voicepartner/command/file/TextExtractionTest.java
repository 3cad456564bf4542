package io.voicepartner.command.file;

import io.voicepartner.api.file.FileType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading a file's text: as it is, bounded, and refused in words for its owner when it cannot be had. */
class TextExtractionTest {

    @TempDir
    Path directory;

    @Test
    void readsLatinOneTextWithItsUmlauts() throws Exception {
        byte[] latin1 = "Öffnungszeiten: Montag bis Freitag, Grüße aus Köln\n".repeat(20)
                .getBytes(StandardCharsets.ISO_8859_1);

        TextExtraction.Text text = new TextExtraction(10_000).extract(new ByteArrayInputStream(latin1), FileType.TXT,
                directory.resolve("text"));

        assertThat(Files.readString(text.file())).contains("Grüße aus Köln");
        assertThat(text.length()).isEqualTo(Files.readString(text.file()).length());
        assertThat(text.preview()).startsWith("Öffnungszeiten: Montag bis Freitag, Grüße aus Köln Öffnungszeiten")
                .hasSize(TextExtraction.PREVIEW_LENGTH);
        assertThat(text.sha256()).hasSize(64);
    }

    @Test
    void refusesATextLongerThanTheLimit() {
        byte[] long_ = "x".repeat(2_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new TextExtraction(1_000).extract(new ByteArrayInputStream(long_), FileType.TXT,
                directory.resolve("text")))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessageContaining("longer than 1000 characters");
    }

    @Test
    void refusesADamagedPdf() {
        byte[] damaged = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> new TextExtraction(10_000).extract(new ByteArrayInputStream(damaged), FileType.PDF,
                directory.resolve("text")))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessage("The file could not be read as pdf: it is damaged or not a pdf file.");
    }

    @Test
    void refusesADocxThatExpandsFarBeyondItsSize() throws IOException {
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("a".repeat(3_000_000));
            document.write(docx);
        }

        assertThatThrownBy(() -> new TextExtraction(5_000_000).extract(new ByteArrayInputStream(docx.toByteArray()),
                FileType.DOCX, directory.resolve("text")))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessageContaining("zip bomb");
    }
}
