package io.voicepartner.command.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A resource of the organization as it is now: its id, the revision it is at, its ref in an export, and its
 * bundle form ({@link BundleForm}).
 */
record Current(Kind kind, String id, long revision, String ref, ObjectNode fields) {}
