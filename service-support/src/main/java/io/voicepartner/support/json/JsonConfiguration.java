package io.voicepartner.support.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    @Primary
    ObjectMapper objectMapper() {
        return JsonConventions.newObjectMapper();
    }
}
