package io.voicepartner.command.file;

import jakarta.servlet.MultipartConfigElement;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The limits of knowledge files ({@link FileLimits}), and how uploads are parsed: by the servlet container,
 * which writes every part to disk at once (threshold 0) and refuses one past the limit while reading it,
 * or, with a {@code Content-Length} over the limit, before reading any of the body. The request may exceed
 * the file's limit by the room that the description and the multipart framing take, so that a file of
 * exactly the limit is taken.
 *
 * <p>Many clients (Python's {@code urllib}, most SDKs) send the whole body without waiting for
 * {@code 100 Continue} and read the answer only then. The container therefore reads and discards what
 * follows a refused upload, up to twice the limit, instead of closing the connection in the client's face
 * after its default 2 MiB: such a client gets its {@code 413} instead of a broken pipe.
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

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedUploadsReadToTheirEnd(FileLimits limits) {
        long swallow = 2 * (limits.maxSize().toBytes() + FORM_OVERHEAD);
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setMaxSwallowSize((int) Math.min(Integer.MAX_VALUE, swallow));
            }
        });
    }
}
