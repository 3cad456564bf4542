package io.voicepartner.query.webhook;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.springframework.stereotype.Component;

/** The ids of deliveries and pings: UUIDv7, so that an endpoint's deliveries list newest first by id. */
@Component
class DeliveryIds {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    String next() {
        return generator.generate().toString();
    }
}
