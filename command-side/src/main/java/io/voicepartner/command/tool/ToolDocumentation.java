package io.voicepartner.command.tool;

import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import io.voicepartner.support.docs.DocumentedSchemas;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** The tool write routes as the API document shows them. */
@Configuration(proxyBeanMethods = false)
class ToolDocumentation {

    @Bean
    DocumentedWrites toolWrites() {
        return new DocumentedWrites(List.of(
                new Route(HttpMethod.POST, "/api/tools", ToolRequest.class, "ToolView", HttpStatus.CREATED, """
                        {"name": "Book appointment", "endpoint": "https://api.example.com/appointments",
                         "method": "POST", "category": "calendar",
                         "parameters": {"type": "object", "properties": {"date": {"type": "string"}}},
                         "authentication": {"type": "bearer", "token": "sk-live-0123456789abcdef"}}
                        """),
                new Route(HttpMethod.PUT, "/api/tools/{id}", ToolRequest.class, "ToolView", HttpStatus.OK),
                new Route(HttpMethod.PATCH, "/api/tools/{id}", ToolRequest.class, "ToolView", HttpStatus.OK),
                new Route(HttpMethod.DELETE, "/api/tools/{id}", null, null, HttpStatus.OK),
                new Route(HttpMethod.POST, "/api/tools/{id}/restore", null, "ToolView", HttpStatus.OK)));
    }

    /** Bodies read by hand: a usage report's item (one object or an array, UsageBatches), a test call and its answer. */
    @Bean
    DocumentedSchemas toolBodies() {
        return new DocumentedSchemas(List.of(ToolExecutionRequest.class, ToolTestRequest.class, ToolTestResult.class));
    }
}
