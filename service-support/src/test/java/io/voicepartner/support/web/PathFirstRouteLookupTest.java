package io.voicepartner.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.voicepartner.support.web.PathFirstRouteLookup.PathFirstHandlerMapping;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;

/** Trying a route's path first finds the same route, and refuses a request that matches none as before. */
class PathFirstRouteLookupTest {

    private final PathFirstHandlerMapping routes = new PathFirstHandlerMapping();

    @BeforeEach
    void mapRoutes() {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.setServletContext(new MockServletContext());
        context.registerSingleton("things", Things.class);
        context.refresh();
        routes.setApplicationContext(context);
        routes.afterPropertiesSet();
    }

    @Test
    void findsTheRouteWhosePathMethodAndMediaTypeMatch() throws Exception {
        assertThat(route("GET", "/things/t-1")).isEqualTo("one");
        assertThat(route("GET", "/things/t-1/parts")).isEqualTo("parts");
        assertThat(route("POST", "/things/t-1/archive")).isEqualTo("archive");
    }

    @Test
    void refusesAMethodTheMatchingPathDoesNotTake() {
        assertThatExceptionOfType(HttpRequestMethodNotSupportedException.class)
                .isThrownBy(() -> route("DELETE", "/things/t-1"));
    }

    @Test
    void refusesAMediaTypeTheMatchingPathDoesNotProduce() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/t-1");
        request.addHeader("Accept", MediaType.APPLICATION_XML_VALUE);

        assertThatExceptionOfType(HttpMediaTypeNotAcceptableException.class)
                .isThrownBy(() -> routes.getHandler(request));
    }

    @Test
    void findsNothingForAPathNoRouteHas() throws Exception {
        assertThat(routes.getHandler(new MockHttpServletRequest("GET", "/others/t-1")))
                .isNull();
    }

    private String route(String method, String path) throws Exception {
        return ((HandlerMethod) routes.getHandler(new MockHttpServletRequest(method, path))
                        .getHandler())
                .getMethod()
                .getName();
    }

    @RestController
    static class Things {

        @GetMapping(path = "/things/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
        public String one(@PathVariable String id) {
            return id;
        }

        @GetMapping("/things/{id}/parts")
        public String parts(@PathVariable String id) {
            return id;
        }

        @PostMapping("/things/{id}/archive")
        public String archive(@PathVariable String id) {
            return id;
        }
    }
}
