package io.voicepartner.command.assistant;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The assistant write routes as the API document shows them. */
@Configuration(proxyBeanMethods = false)
class AssistantDocumentation {

    @Bean
    DocumentedWrites assistantWrites() {
        return new DocumentedWrites(List.of(
                new Route(
                        HttpMethod.POST,
                        "/api/assistants",
                        AssistantRequest.class,
                        "AssistantView",
                        HttpStatus.CREATED,
                        """
                        {"name": "Front desk", "system_prompt": "You answer calls for a dental practice.",
                         "llm_provider": "openai", "llm_model": "gpt-4o-mini", "temperature": 0.4,
                         "voice_provider": "elevenlabs", "voice_id": "Rachel", "language": "de-DE",
                         "first_message": "Praxis Dr. Weber, guten Tag!", "capabilities": {"transfer": {"enabled": true}}}
                        """),
                new Route(
                        HttpMethod.PUT, "/api/assistants/{id}", AssistantRequest.class, "AssistantView", HttpStatus.OK),
                new Route(
                        HttpMethod.PATCH,
                        "/api/assistants/{id}",
                        AssistantRequest.class,
                        "AssistantView",
                        HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/assistants/{id}", null, null, HttpStatus.OK),
                new Route(HttpMethod.POST, "/api/assistants/{id}/restore", null, "AssistantView", HttpStatus.OK),
                new Route(
                        HttpMethod.POST,
                        "/api/assistants/{id}/clone",
                        CloneRequest.class,
                        "AssistantView",
                        HttpStatus.CREATED,
                        """
                        {"name": "Front desk (night)", "version": 3}
                        """),
                new Route(
                        HttpMethod.POST,
                        "/api/assistants/{id}/tools",
                        ToolAssignmentRequest.class,
                        "AssistantView",
                        HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/assistants/{id}/tools", null, "AssistantView", HttpStatus.OK),
                new Route(
                        HttpMethod.POST,
                        "/api/assistants/{id}/files",
                        FileAssignmentRequest.class,
                        "AssistantView",
                        HttpStatus.OK),
                new Route(
                        HttpMethod.PUT,
                        "/api/assistants/{id}/files",
                        FileConfigurationRequest.class,
                        "AssistantView",
                        HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/assistants/{id}/files", null, "AssistantView", HttpStatus.OK),
                new Route(
                        HttpMethod.POST,
                        "/api/assistants/{id}/versions",
                        VersionRequest.class,
                        "AssistantVersionView",
                        List.of(HttpStatus.CREATED, HttpStatus.OK),
                        """
                        {"note": "Friendlier greeting, calendar tool"}
                        """),
                new Route(
                        HttpMethod.POST,
                        "/api/assistants/{id}/versions/{number}/restore",
                        null,
                        "AssistantView",
                        HttpStatus.OK)));
    }
}
