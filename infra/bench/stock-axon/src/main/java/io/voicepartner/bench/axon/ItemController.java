package io.voicepartner.bench.axon;

import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** JSON in, one command, the id out: the answer comes once the event is stored, nothing is read back. */
@RestController
class ItemController {

    record ItemRequest(String name) {}

    private final CommandGateway commands;
    private final KafkaPublisher publisher;

    ItemController(CommandGateway commands, KafkaPublisher publisher) {
        this.commands = commands;
        this.publisher = publisher;
    }

    @PostMapping("/items")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> create(@RequestBody ItemRequest request) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreateItem(id, request.name()));
        return Map.of("id", id);
    }

    @PatchMapping("/items/{id}")
    Map<String, String> rename(@PathVariable String id, @RequestBody ItemRequest request) {
        commands.sendAndWait(new RenameItem(id, request.name()));
        return Map.of("id", id);
    }

    /** How many events the publisher has had acknowledged: the harness waits for it to reach the store's count. */
    @GetMapping("/published")
    Map<String, Long> published() {
        return Map.of("published", publisher.published());
    }
}
