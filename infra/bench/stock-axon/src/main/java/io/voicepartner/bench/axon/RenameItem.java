package io.voicepartner.bench.axon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RenameItem(@TargetAggregateIdentifier String id, String name) {}
