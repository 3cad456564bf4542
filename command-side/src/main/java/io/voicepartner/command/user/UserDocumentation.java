package io.voicepartner.command.user;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.voicepartner.command.web.DocumentedWrites;
import io.voicepartner.command.web.DocumentedWrites.Route;
import io.voicepartner.support.docs.DocumentedSchemas;
import java.util.List;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/** Sign-up, login and the account's own routes as the API document shows them. */
@Configuration(proxyBeanMethods = false)
class UserDocumentation {

    /** The OAuth2 password-grant form that Swagger UI's "Authorize" button posts. */
    record FormLogin(String username, String password) {}

    @Bean
    DocumentedWrites userWrites() {
        return new DocumentedWrites(
                List.of(new Route(HttpMethod.POST, "/api/users", SignUpRequest.class, "UserView", HttpStatus.CREATED)));
    }

    /** The password change's body, read by hand. */
    @Bean
    DocumentedSchemas accountSchemas() {
        return new DocumentedSchemas(List.of(PasswordChangeRequest.class, AccountErasureRequest.class));
    }

    @Bean
    OpenApiCustomizer loginBodies(ObjectMapper objectMapper) {
        return openApi -> {
            ModelConverters converters = new ModelConverters();
            converters.addConverter(new ModelResolver(objectMapper));
            converters.readAll(TokenController.LoginRequest.class).forEach(openApi.getComponents()::addSchemas);
            converters.readAll(FormLogin.class).forEach(openApi.getComponents()::addSchemas);
            Optional.ofNullable(openApi.getPaths())
                    .map(paths -> paths.get("/token"))
                    .map(item -> item.getPost())
                    .ifPresent(UserDocumentation::describeLogin);
        };
    }

    /** An erasure a step of which failed answers 202 with the same body, {@code erased: false} (ADR 0043). */
    @Bean
    OpenApiCustomizer erasureLeftToFinish() {
        return openApi -> Optional.ofNullable(openApi.getPaths())
                .map(paths -> paths.get("/api/users/me"))
                .map(item -> item.getDelete())
                .map(Operation::getResponses)
                .ifPresent(responses -> Optional.ofNullable(responses.get("200"))
                        .ifPresent(done -> responses.addApiResponse(
                                "202",
                                new ApiResponse()
                                        .description("The erasure is recorded and a step of it failed: it finishes "
                                                + "on its own (erased: false). The person can no longer sign in, and "
                                                + "every token of theirs is refused by every side from now on")
                                        .content(done.getContent()))));
    }

    private static void describeLogin(Operation login) {
        login.setSummary("Log in: an e-mail and password for a bearer token");
        login.setRequestBody(new RequestBody()
                .required(true)
                .content(new Content()
                        .addMediaType("application/json", new MediaType().schema(ref("LoginRequest")))
                        .addMediaType("application/x-www-form-urlencoded", new MediaType().schema(ref("FormLogin")))));
        if (login.getParameters() != null) {
            login.getParameters().removeIf(parameter -> "form".equals(parameter.getName()));
        }
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }
}
