package io.voicepartner.command.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.file.FileType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file's text: as it is, bounded, and refused in words for its owner when it cannot be had. */
class TextExtractionTest {

    private static final long MAX_UNPACKED = 200L * 1024 * 1024;
    private static final ExtractionDeadline IN_TIME = ExtractionDeadline.after(Duration.ofMinutes(10));

    @TempDir
    Path directory;

    private static TextExtraction extraction(int maxTextLength) {
        return new TextExtraction(maxTextLength, MAX_UNPACKED);
    }

    @Test
    void readsLatinOneTextWithItsUmlauts() throws Exception {
        byte[] latin1 = "Öffnungszeiten: Montag bis Freitag, Grüße aus Köln\n"
                .repeat(20)
                .getBytes(StandardCharsets.ISO_8859_1);

        TextExtraction.Text text = extraction(10_000)
                .extract(new ByteArrayInputStream(latin1), FileType.TXT, directory.resolve("text"), IN_TIME);

        assertThat(Files.readString(text.file())).contains("Grüße aus Köln");
        assertThat(text.length()).isEqualTo(Files.readString(text.file()).length());
        assertThat(text.preview())
                .startsWith("Öffnungszeiten: Montag bis Freitag, Grüße aus Köln Öffnungszeiten")
                .hasSize(TextExtraction.PREVIEW_LENGTH);
        assertThat(text.sha256()).hasSize(64);
    }

    @Test
    void refusesATextLongerThanTheLimit() {
        byte[] long_ = "x".repeat(2_000).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> extraction(1_000)
                        .extract(new ByteArrayInputStream(long_), FileType.TXT, directory.resolve("text"), IN_TIME))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessageContaining("longer than 1000 characters");
    }

    @Test
    void refusesADamagedPdf() {
        byte[] damaged = "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> extraction(10_000)
                        .extract(new ByteArrayInputStream(damaged), FileType.PDF, directory.resolve("text"), IN_TIME))
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

        assertThatThrownBy(() -> extraction(5_000_000)
                        .extract(
                                new ByteArrayInputStream(docx.toByteArray()),
                                FileType.DOCX,
                                directory.resolve("text"),
                                IN_TIME))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessageContaining("zip bomb");
    }

    /** 1 GiB of spaces in one part: refused by its ratio once a little more than a megabyte is unpacked. */
    @Test
    void refusesADocxWhoseBodyIsAGigabyteOfSpacesBeforeParsingIt() throws IOException {
        byte[] spaces = new byte[1024 * 1024];
        Arrays.fill(spaces, (byte) ' ');
        byte[] bomb = ZipBombs.docx(spaces, 1024);

        assertThatThrownBy(() -> extraction(5_000_000)
                        .extract(new ByteArrayInputStream(bomb), FileType.DOCX, directory.resolve("text"), IN_TIME))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessage(
                        "One of its parts expands more than 100 times its size (like a zip bomb), so it was not read.");
        assertThat(bomb.length).as("the bomb's size").isLessThan(2 * 1024 * 1024);
    }

    /**
     * A body that passes any ratio (it packs some 30 times, as real text does) but unpacks to 400 MiB: refused once
     * the parts have unpacked to the limit together, before a parser holds any of it.
     */
    @Test
    void refusesADocxThatUnpacksPastTheLimitAtAnOrdinaryRatio() throws IOException {
        StringBuilder paragraphs = new StringBuilder();
        Random random = new Random(17);
        while (paragraphs.length() < 1024 * 1024 - 200) {
            paragraphs
                    .append("<w:p><w:r><w:t>Opening hours of branch ")
                    .append(random.nextInt(100_000))
                    .append(": Monday to Friday</w:t></w:r></w:p>");
        }
        byte[] block = paragraphs.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bomb = ZipBombs.docx(block, 400);

        assertThatThrownBy(() -> extraction(5_000_000)
                        .extract(new ByteArrayInputStream(bomb), FileType.DOCX, directory.resolve("text"), IN_TIME))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessage("It unpacks to more than 200 MB (like a zip bomb), so it was not read.");
        assertThat((long) block.length * 400 / bomb.length)
                .as("the body's ratio")
                .isBetween(10L, 99L);
    }

    @Test
    void readsTheTextOfAnOrdinaryDocx() throws Exception {
        ByteArrayOutputStream docx = new ByteArrayOutputStream();
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("Sprechzeiten: Montag 8–12 Uhr");
            document.createParagraph().createRun().setText("Grüße aus Köln");
            document.write(docx);
        }

        TextExtraction.Text text = extraction(10_000)
                .extract(
                        new ByteArrayInputStream(docx.toByteArray()),
                        FileType.DOCX,
                        directory.resolve("text"),
                        IN_TIME);

        assertThat(Files.readString(text.file()))
                .contains("Sprechzeiten: Montag 8–12 Uhr")
                .contains("Grüße aus Köln");
    }

    /** A reading whose deadline has passed stops at its next read or SAX event, whatever the parser. */
    @Test
    void stopsReadingOnceTheDeadlineHasPassed() {
        ExtractionDeadline passed = ExtractionDeadline.after(Duration.ofMillis(10));
        passed.giveUp();

        assertThatThrownBy(() -> extraction(10_000)
                        .extract(
                                new ByteArrayInputStream("<p>Hallo</p>".getBytes(StandardCharsets.UTF_8)),
                                FileType.HTML,
                                directory.resolve("text"),
                                passed))
                .isInstanceOf(TextExtraction.Unreadable.class)
                .hasMessage("Reading its text took longer than 10 ms, so it was given up.");
    }
}
