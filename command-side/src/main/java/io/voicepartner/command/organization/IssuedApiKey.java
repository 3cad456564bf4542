package io.voicepartner.command.organization;

import io.voicepartner.api.organization.ApiKeyScope;
import java.time.Instant;
import java.util.List;

/**
 * The answer to creating an API key: the only place its secret {@code key} is ever shown. Whoever created it passes
 * it on to the machine that will call with it, as {@code Authorization: Bearer <key>}; the key's lists show its
 * {@code prefix} only.
 *
 * @param createdBy who created it: the actor its event names
 */
record IssuedApiKey(
        String id,
        String name,
        String prefix,
        List<ApiKeyScope> scopes,
        String key,
        Instant expiresAt,
        String createdBy) {

    @Override
    public String toString() {
        return "IssuedApiKey[id=" + id + ", prefix=" + prefix + "]";
    }
}
