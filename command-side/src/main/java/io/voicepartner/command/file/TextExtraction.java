package io.voicepartner.command.file;

import io.voicepartner.api.file.FileType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.io.input.ProxyInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.parser.txt.TXTParser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.apache.tika.sax.SecureContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Reads the text out of one file's bytes with the parser of its type, never by guessing again: the type
 * was decided on upload. Hostile input is bounded: the output is cut off at {@code maxTextLength}
 * characters (an error, not a silent truncation), Tika's {@link SecureContentHandler} stops output far beyond
 * the input and absurd nesting, embedded documents are not parsed, and PDFBox keeps at most
 * {@link #PDF_MAIN_MEMORY} in memory. A DOCX is spooled to a file and its entries unpacked and counted
 * before POI sees it ({@link ZipContainer}); POI then reads it from that file, and its body through the SAX
 * extractor, so neither the package nor its document is held in memory whole. The {@link ExtractionDeadline}
 * is checked on every read of the bytes and every SAX event, so that reading stops when its time is up. PDFBox
 * reads from a file of its own and reports a page's text when the page ends: a PDF page that draws without end
 * stops only there, holding one of the pool's threads meanwhile (the pool bounds how many).
 */
final class TextExtraction {

    /** The text written to a file, and what the event says of it. */
    record Text(Path file, long length, String sha256, String preview) {}

    /** Why a file has no text, in words for its owner. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            this(message, null);
        }

        /** @param cause what the parser said, for the logs: the owner reads {@code message} */
        Unreadable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }

    static final int PREVIEW_LENGTH = 200;
    private static final long PDF_MAIN_MEMORY = 64L * 1024 * 1024;
    private static final long MAX_COMPRESSION_RATIO = 100;
    private static final int MAX_DEPTH = 100;
    private static final int MAX_PACKAGE_DEPTH = 10;

    private final int maxTextLength;
    private final long maxUnpackedBytes;

    /** @param maxUnpackedBytes the most that a DOCX's entries may unpack to, together */
    TextExtraction(int maxTextLength, long maxUnpackedBytes) {
        this.maxTextLength = maxTextLength;
        this.maxUnpackedBytes = maxUnpackedBytes;
    }

    /** Writes the text of {@code bytes} to {@code into} as UTF-8, giving up once {@code deadline} has passed. */
    Text extract(InputStream bytes, FileType type, Path into, ExtractionDeadline deadline)
            throws IOException, Unreadable {
        InputStream watched = new WatchedInputStream(bytes, deadline);
        try {
            if (type != FileType.DOCX) {
                return extract(TikaInputStream.get(watched), type, into, deadline);
            }
            Path container = Files.createTempFile("voicepartner-container-", ".zip");
            try {
                Files.copy(watched, container, StandardCopyOption.REPLACE_EXISTING);
                ZipContainer.check(container, maxUnpackedBytes, deadline);
                return extract(TikaInputStream.get(container), type, into, deadline);
            } finally {
                Files.deleteIfExists(container);
            }
        } catch (IOException e) {
            stopIfPassed(deadline, e);
            throw e;
        }
    }

    private Text extract(TikaInputStream bytes, FileType type, Path into, ExtractionDeadline deadline)
            throws IOException, Unreadable {
        MessageDigest sha256 = sha256();
        TextSink sink;
        try (TikaInputStream input = bytes;
                TextSink writer = new TextSink(new OutputStreamWriter(
                        new DigestOutputStream(Files.newOutputStream(into), sha256), StandardCharsets.UTF_8))) {
            sink = writer;
            SecureContentHandler handler = new SecureContentHandler(
                    new BodyContentHandler(new WriteOutContentHandler(writer, maxTextLength)), input);
            handler.setMaximumCompressionRatio(MAX_COMPRESSION_RATIO);
            handler.setMaximumDepth(MAX_DEPTH);
            handler.setMaximumPackageEntryDepth(MAX_PACKAGE_DEPTH);
            Metadata metadata = new Metadata();
            metadata.set(Metadata.CONTENT_TYPE, type.mediaType());
            try {
                parserOf(type).parse(input, new WatchedContentHandler(handler, deadline), metadata, context());
            } catch (SAXException e) {
                stopIfPassed(deadline, e);
                if (WriteLimitReachedException.isWriteLimitReached(e)) {
                    throw new Unreadable("Its text is longer than " + maxTextLength
                            + " characters, more than the platform keeps for one file.");
                }
                handler.throwIfCauseOf(e);
                throw unreadable(type, e);
            } catch (IOException e) {
                stopIfPassed(deadline, e);
                // the bytes are a local file: an error while parsing them is about what they hold
                throw isBomb(e) ? bomb(e) : unreadable(type, e);
            }
        } catch (EncryptedDocumentException e) {
            throw new Unreadable("The file is protected by a password, so its text cannot be read.", e);
        } catch (TikaException e) {
            stopIfPassed(deadline, e);
            throw isBomb(e) ? bomb(e) : unreadable(type, e);
        }
        return new Text(into, sink.length(), HexFormat.of().formatHex(sha256.digest()), sink.preview());
    }

    private static Parser parserOf(FileType type) {
        return switch (type) {
            case PDF -> new PDFParser();
            case DOCX -> new OOXMLParser();
            case HTML -> new JSoupParser();
            case TXT, MD, CSV, JSON -> new TXTParser();
        };
    }

    /** However a parser wrapped it, an error after the deadline is the deadline's. */
    private static void stopIfPassed(ExtractionDeadline deadline, Exception e) throws Unreadable {
        if (deadline.passed()) {
            throw new Unreadable(deadline.reason(), e);
        }
    }

    private static ParseContext context() {
        ParseContext context = new ParseContext();
        // files embedded in a document are not read: a smaller surface, and no nesting to bound
        context.set(Parser.class, EmptyParser.INSTANCE);
        // a DOCX's body is streamed, not loaded as a whole document
        OfficeParserConfig office = new OfficeParserConfig();
        office.setUseSAXDocxExtractor(true);
        context.set(OfficeParserConfig.class, office);
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setMaxMainMemoryBytes(PDF_MAIN_MEMORY);
        context.set(PDFParserConfig.class, pdf);
        return context;
    }

    private static boolean isBomb(Exception e) {
        return e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("bomb");
    }

    private static Unreadable bomb(Exception cause) {
        return new Unreadable("The file expands far beyond its size (like a zip bomb), so it was not read.", cause);
    }

    static Unreadable unreadable(FileType type, Throwable cause) {
        return new Unreadable(
                "The file could not be read as " + type.wireName() + ": it is damaged or not a " + type.wireName()
                        + " file.",
                cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The bytes as they are, read only while the deadline allows. */
    private static final class WatchedInputStream extends ProxyInputStream {
        private final ExtractionDeadline deadline;

        WatchedInputStream(InputStream bytes, ExtractionDeadline deadline) {
            super(bytes);
            this.deadline = deadline;
        }

        @Override
        protected void beforeRead(int count) throws IOException {
            deadline.check();
        }
    }

    /** Passes the parser's events on while the deadline allows: parsers that read from a file still write here. */
    private static final class WatchedContentHandler extends ContentHandlerDecorator {
        private final ExtractionDeadline deadline;

        WatchedContentHandler(ContentHandler handler, ExtractionDeadline deadline) {
            super(handler);
            this.deadline = deadline;
        }

        private void check() throws SAXException {
            try {
                deadline.check();
            } catch (ExtractionDeadline.Passed passed) {
                throw new SAXException(passed);
            }
        }

        @Override
        public void startElement(String uri, String localName, String name, Attributes attributes) throws SAXException {
            check();
            super.startElement(uri, localName, name, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String name) throws SAXException {
            check();
            super.endElement(uri, localName, name);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            check();
            super.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            check();
            super.ignorableWhitespace(ch, start, length);
        }
    }

    /** Passes the text on, counting it and keeping its beginning for the preview. */
    private static final class TextSink extends Writer {
        private final Writer delegate;
        private final StringBuilder beginning = new StringBuilder();
        private long length;

        TextSink(Writer delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(char[] buffer, int offset, int count) throws IOException {
            delegate.write(buffer, offset, count);
            length += count;
            int wanted = Math.min(count, 4 * PREVIEW_LENGTH - beginning.length());
            if (wanted > 0) {
                beginning.append(buffer, offset, wanted);
            }
        }

        long length() {
            return length;
        }

        /** The first characters with runs of white space as one space, never ending in half a character. */
        String preview() {
            // the preview enters an event (ADR 0019): NUL, which no PostgreSQL text holds, is dropped, and so is
            // half a surrogate pair, which UTF-8 cannot encode (a regex sees a whole pair as one code point)
            String collapsed = beginning
                    .toString()
                    .replace("\u0000", "")
                    .replaceAll("\\p{Cs}", "")
                    .replaceAll("\\s+", " ")
                    .strip();
            if (collapsed.length() <= PREVIEW_LENGTH) {
                return collapsed;
            }
            int end = Character.isHighSurrogate(collapsed.charAt(PREVIEW_LENGTH - 1))
                    ? PREVIEW_LENGTH - 1
                    : PREVIEW_LENGTH;
            return collapsed.substring(0, end);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
