package io.voicepartner.command.security;

import io.voicepartner.support.security.PublicEndpoints;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** Sign-up and login are the only writes that come without a bearer token. */
@Configuration(proxyBeanMethods = false)
class IdentityEndpoints {

    @Bean
    PublicEndpoints signUpAndLogin() {
        return new PublicEndpoints(HttpMethod.POST, List.of("/api/users", "/api/users/", "/token"));
    }
}
