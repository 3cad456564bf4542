package io.voicepartner.command.file;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The file write routes as the API document shows them; the upload's multipart body is springdoc's own. */
@Configuration(proxyBeanMethods = false)
class FileDocumentation {

    @Bean
    DocumentedWrites fileWrites() {
        return new DocumentedWrites(List.of(
                new Route(HttpMethod.POST, "/api/files", null, "FileView", HttpStatus.CREATED),
                new Route(HttpMethod.PUT, "/api/files/{id}", FileRequest.class, "FileView", HttpStatus.OK),
                new Route(HttpMethod.PATCH, "/api/files/{id}", FileRequest.class, "FileView", HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/files/{id}", null, null, HttpStatus.OK),
                new Route(HttpMethod.POST, "/api/files/{id}/restore", null, "FileView", HttpStatus.OK)));
    }
}
