package io.voicepartner.command.file;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits of knowledge files ({@link FileLimits}), and how uploads are parsed: by the servlet container,
 * which writes every part to disk at once (threshold 0) and refuses one past the limit while reading it,
 * or, with a {@code Content-Length} over the limit, before reading any of the body. The request may exceed
 * the file's limit by the room that the description and the multipart framing take, so that a file of
 * exactly the limit is taken.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FileLimits.class)
class FileConfiguration {

    private static final long FORM_OVERHEAD = 64 * 1024;

    @Bean
    MultipartConfigElement multipartConfigElement(FileLimits limits) {
        long maxFile = limits.maxSize().toBytes();
        return new MultipartConfigElement(null, maxFile, maxFile + FORM_OVERHEAD, 0);
    }
}
