package io.voicepartner.support.security;

import java.util.Collection;
import java.util.Optional;

/**
 * The API keys a side authenticates, as it keeps them: the command side in a lookup table written with the events,
 * the read sides from the organizations topic. Each side asks only its own store, so that a key revoked there is
 * refused there without asking another.
 */
public interface ApiKeys {

    /**
     * The key whose stored hash is one of {@code secretHashes} (the presented key hashed under each configured hash
     * key, {@link ApiKeySecrets#storedHashesOf}), if it is neither revoked nor of a closed organization; empty
     * otherwise. An expired key is found: whether it still works is decided at the time of each request.
     */
    Optional<ApiKey> findLive(Collection<String> secretHashes);
}
