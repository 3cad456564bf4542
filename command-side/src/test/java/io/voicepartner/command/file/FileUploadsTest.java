package io.voicepartner.command.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.voicepartner.api.file.FileType;
import io.voicepartner.api.web.ErrorCode;
import io.voicepartner.support.web.ApiException;
import org.apache.tika.mime.MediaType;
import org.junit.jupiter.api.Test;

/** What an upload is taken as: its detected type decides, and its name only tells plain texts apart. */
class FileUploadsTest {

    @Test
    void takesTheTypeTheContentWasDetectedAs() {
        assertThat(FileUploads.typeOf(MediaType.application("pdf"), "notes.txt"))
                .isEqualTo(FileType.PDF);
        assertThat(FileUploads.typeOf(MediaType.parse(FileType.DOCX.mediaType()), "x.pdf"))
                .isEqualTo(FileType.DOCX);
        assertThat(FileUploads.typeOf(MediaType.text("html"), "page.md")).isEqualTo(FileType.HTML);
    }

    @Test
    void tellsPlainTextsApartByTheirNameOnly() {
        assertThat(FileUploads.typeOf(MediaType.TEXT_PLAIN, "Notizen.MD")).isEqualTo(FileType.MD);
        assertThat(FileUploads.typeOf(MediaType.TEXT_PLAIN, "preise.csv")).isEqualTo(FileType.CSV);
        assertThat(FileUploads.typeOf(MediaType.TEXT_PLAIN, "faq.json")).isEqualTo(FileType.JSON);
        assertThat(FileUploads.typeOf(MediaType.TEXT_PLAIN, "readme")).isEqualTo(FileType.TXT);
        assertThat(FileUploads.typeOf(MediaType.TEXT_PLAIN, "report.pdf")).isEqualTo(FileType.TXT);
    }

    @Test
    void refusesEveryOtherTypeNamingIt() {
        assertThatThrownBy(() -> FileUploads.typeOf(MediaType.application("x-msdownload"), "invoice.pdf"))
                .isInstanceOfSatisfying(
                        ApiException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE))
                .hasMessageContaining("application/x-msdownload");
        assertThatThrownBy(() -> FileUploads.typeOf(MediaType.application("zip"), "document.docx"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void keepsTheUploadedNameWithoutItsDirectoryOrControlCharacters() {
        assertThat(FileUploads.originalName("C:\\Users\\ada\\Preisliste 2026.pdf"))
                .isEqualTo("Preisliste 2026.pdf");
        assertThat(FileUploads.originalName("../../etc/pass\u0000wd")).isEqualTo("passwd");
        assertThat(FileUploads.originalName("  ")).isEqualTo("upload");
        assertThat(FileUploads.originalName(null)).isEqualTo("upload");
        assertThat(FileUploads.originalName("a".repeat(300) + ".txt"))
                .hasSize(255)
                .endsWith(".txt");
    }
}
