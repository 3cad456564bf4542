package io.voicepartner.command.assistant;

/**
 * What publishing answers: the version that is the latest now, the assistant's revision at which it was
 * published (what its read waits for), and whether this publish recorded it or found it identical.
 */
record Published(int number, long revision, boolean recorded) {}
