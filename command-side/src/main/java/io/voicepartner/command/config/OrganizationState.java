package io.voicepartner.command.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What an organization's configuration is now: its live resources in the order a bundle lists them, each at its
 * revision, and the fingerprint of those revisions.
 */
record OrganizationState(List<Current> resources) {

    List<Current> of(Kind kind) {
        return resources.stream().filter(r -> r.kind() == kind).toList();
    }

    Optional<Current> byId(String id) {
        return resources.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    Map<String, Long> revisions() {
        return resources.stream().collect(Collectors.toMap(Current::id, Current::revision));
    }

    Fingerprint fingerprint() {
        return Fingerprint.of(revisions());
    }
}
