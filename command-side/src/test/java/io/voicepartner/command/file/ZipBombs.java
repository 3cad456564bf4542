package io.voicepartner.command.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * DOCX files whose {@code word/document.xml} unpacks to far more than they weigh, built in moments: the body's
 * repeated block is deflated once after a full flush (which forgets everything before it), so its compressed bytes
 * can be repeated as often as wanted to make one valid deflate stream, without compressing a gigabyte.
 */
final class ZipBombs {

    private static final String START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
    private static final String END = "</w:body></w:document>";

    private ZipBombs() {}

    /** A real DOCX whose body is {@code block} repeated {@code times} times. */
    static byte[] docx(byte[] block, int times) throws IOException {
        byte[] start = START.getBytes(StandardCharsets.UTF_8);
        byte[] end = END.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] packedStart = deflate(deflater, start);
        byte[] packedBlock = deflate(deflater, block);
        deflater.setInput(end);
        deflater.finish();
        ByteArrayOutputStream packedEnd = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            packedEnd.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();

        CRC32 crc = new CRC32();
        crc.update(start);
        for (int i = 0; i < times; i++) {
            crc.update(block);
        }
        crc.update(end);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        packed.write(packedStart);
        for (int i = 0; i < times; i++) {
            packed.write(packedBlock);
        }
        packed.write(packedEnd.toByteArray());

        ZipArchiveEntry body = new ZipArchiveEntry("word/document.xml");
        body.setMethod(ZipEntry.DEFLATED);
        body.setCrc(crc.getValue());
        body.setSize(start.length + (long) block.length * times + end.length);
        body.setCompressedSize(packed.size());
        return replacingBody(body, packed.toByteArray());
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        return out.toByteArray();
    }

    /** A DOCX as POI writes it, with its body's entry replaced by the raw one given. */
    private static byte[] replacingBody(ZipArchiveEntry body, byte[] packedBody) throws IOException {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        try (XWPFDocument document = new XWPFDocument()) {
            document.createParagraph().createRun().setText("a real document");
            document.write(original);
        }
        ByteArrayOutputStream result = new ByteArrayOutputStream();
        try (ZipFile source = ZipFile.builder()
                        .setSeekableByteChannel(new SeekableInMemoryByteChannel(original.toByteArray()))
                        .get();
                ZipArchiveOutputStream target = new ZipArchiveOutputStream(result)) {
            for (Enumeration<ZipArchiveEntry> entries = source.getEntries(); entries.hasMoreElements(); ) {
                ZipArchiveEntry entry = entries.nextElement();
                if (entry.getName().equals(body.getName())) {
                    target.addRawArchiveEntry(body, new ByteArrayInputStream(packedBody));
                } else {
                    target.addRawArchiveEntry(entry, source.getRawInputStream(entry));
                }
            }
        }
        return result.toByteArray();
    }
}
