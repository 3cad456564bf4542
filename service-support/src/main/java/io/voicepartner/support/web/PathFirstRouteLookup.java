package io.voicepartner.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Spring MVC finds a request's route by trying every route whose path is not a plain literal (most of ours have an
 * id in them), and tries each one's method, headers and media types before its path: for each of about a hundred
 * routes whose path could never match, a CORS pre-flight test and reads of the method, the headers and
 * {@code Accept} through Spring Security's request wrappers (4 % of a {@code GET}'s CPU, BENCHMARKS.md, round two,
 * twelfth pass). This tries the path first. A route matches exactly as before: every condition must still hold, and a route
 * whose path does not match never did; a request that matches no route is answered {@code 404}, {@code 405} or
 * {@code 406} as before, which Spring MVC decides apart from this.
 */
@Configuration(proxyBeanMethods = false)
class PathFirstRouteLookup {

    @Bean
    WebMvcRegistrations pathFirstRoutes() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathFirstHandlerMapping();
            }
        };
    }

    static final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

        @Override
        protected RequestMappingInfo getMatchingMapping(RequestMappingInfo route, HttpServletRequest request) {
            PathPatternsRequestCondition paths = route.getPathPatternsCondition();
            if (paths != null && paths.getMatchingCondition(request) == null) {
                return null;
            }
            return super.getMatchingMapping(route, request);
        }
    }
}
