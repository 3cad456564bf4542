package io.voicepartner.command.web;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import org.springframework.stereotype.Component;

/** New aggregate ids, made at the edge: UUIDv7, so ids sort by creation time and index well. */
@Component
public class Ids {

    private final TimeBasedEpochGenerator generator = Generators.timeBasedEpochGenerator();

    public String next() {
        return generator.generate().toString();
    }
}
