package io.voicepartner.bench.axon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

record CreateItem(@TargetAggregateIdentifier String id, String name) {}
