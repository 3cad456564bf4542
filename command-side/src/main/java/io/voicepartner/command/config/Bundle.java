package io.voicepartner.command.config;

import java.util.List;

/** A configuration as a client wants it: its resources, each kind in the order of {@link Kind}. */
record Bundle(List<Desired> resources) {

    List<Desired> of(Kind kind) {
        return resources.stream().filter(r -> r.kind() == kind).toList();
    }
}
