package io.voicepartner.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

/**
 * A request passes Spring Security's filter chain and reaches its handler with the handler looked up once, by the
 * dispatcher, against the Spring Security of the build: a version that wraps its chain differently fails here first.
 */
class SingleHandlerLookupTest {

    private final WebApplicationContextRunner contexts =
            new WebApplicationContextRunner().withUserConfiguration(Web.class, Greetings.class);

    @Test
    void looksUpEachRequestsHandlerOnce() {
        contexts.withBean("singleHandlerLookup", BeanFactoryPostProcessor.class, SingleHandlerLookup::new)
                .run(context -> {
                    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                            .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                            .build();
                    mvc.perform(get("/greetings/ada"))
                            .andExpect(status().isOk())
                            .andExpect(content().string("ada"));
                    mvc.perform(get("/elsewhere")).andExpect(status().isForbidden());

                    assertThat(context.getBean(CountedLookups.class).lookups).hasValue(1);
                });
    }

    @Test
    void withoutItSpringSecurityLooksTheHandlerUpAsWell() {
        contexts.run(context -> {
            MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
                    .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                    .build();
            mvc.perform(get("/greetings/ada")).andExpect(status().isOk());

            assertThat(context.getBean(CountedLookups.class).lookups).hasValue(2);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    @EnableWebSecurity
    static class Web {

        @Bean
        SecurityFilterChain chain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                    PathPatternRequestMatcher.withDefaults().matcher("/greetings/**"))
                            .permitAll()
                            .anyRequest()
                            .denyAll())
                    .build();
        }

        @Bean
        CountedLookups countedLookups() {
            return new CountedLookups();
        }
    }

    @RestController
    static class Greetings {

        @GetMapping("/greetings/{name}")
        String greet(@PathVariable String name) {
            return name;
        }
    }

    /** Asked first by whoever looks a handler up, and finds none: the others are asked next. */
    static final class CountedLookups implements HandlerMapping, Ordered {

        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            if (request.getRequestURI().startsWith("/greetings/")) {
                lookups.incrementAndGet();
            }
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
