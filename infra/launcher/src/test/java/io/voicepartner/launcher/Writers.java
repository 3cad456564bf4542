package io.voicepartner.launcher;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Client threads writing without pause while a fault is injected, each as a user of its own: an assistant
 * created, then edited three times, over and over. Every answer goes into the ledger; a failed request
 * (an error status, a connection cut) is a write the client gave up on.
 */
final class Writers implements AutoCloseable {

    private static final String TOPIC = "voicepartner.assistants";

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    Writers(Api api, Ledger ledger, int count) {
        for (int writer = 0; writer < count; writer++) {
            Api customer = signUp(api);
            Thread thread = new Thread(() -> write(customer, ledger), "writer-" + writer);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * A user of its own, logged in. Unlike {@link Api#signUp()} a {@code 202} is accepted: under a fault
     * (or a cold start under load) the read model may lag past the read-your-writes bound, and the sign-up
     * is stored all the same.
     */
    static Api signUp(Api api) {
        String email = "writer-" + UUID.randomUUID() + "@example.com";
        Api.Response signedUp = api.post("/api/users", Map.of("email", email, "password", "correct horse battery"));
        if (signedUp.status() != 201 && signedUp.status() != 202) {
            throw new IllegalStateException("sign-up failed: " + signedUp);
        }
        return api.withHeader("Authorization", "Bearer " + api.login(email, "correct horse battery"));
    }

    private void write(Api customer, Ledger ledger) {
        String assistant = null;
        for (int write = 0; running.get(); write++) {
            try {
                if (assistant == null || write % 4 == 0) {
                    Api.Response created = customer.post("/api/assistants", Map.of("name", "Written under faults"));
                    assistant = ledger.record(TOPIC, created)
                            ? created.data().path("id").asText()
                            : assistant;
                } else {
                    ledger.record(
                            TOPIC,
                            customer.patch("/api/assistants/" + assistant, Map.of("description", "write " + write)));
                }
            } catch (UncheckedIOException e) {
                ledger.gaveUp();
            }
        }
    }

    /** Stops the writers once their current request is answered. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }
}
