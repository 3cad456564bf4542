package io.voicepartner.query.web;

import io.voicepartner.support.security.Caller;
import io.voicepartner.support.web.InProcessReads;
import java.util.List;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Serves {@link InProcessReads} with the query side's single-resource routes, matched as Spring MVC matches them. */
@Component
class RouteReads implements InProcessReads {

    private record Route(PathPattern pattern, SingleResourceRoute route) {}

    private final List<Route> routes;

    RouteReads(List<SingleResourceRoute> routes) {
        this.routes = routes.stream()
                .map(route -> new Route(PathPatternParser.defaultInstance.parse(route.pattern()), route))
                .toList();
    }

    @Override
    public Optional<ResponseEntity<?>> read(String path, long minRevision, Caller caller) {
        PathContainer requested = PathContainer.parsePath(path);
        for (Route route : routes) {
            PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(requested);
            if (match != null) {
                return Optional.of(route.route().read(match.getUriVariables(), caller, Long.toString(minRevision)));
            }
        }
        return Optional.empty();
    }
}
