package dev.filebatch.internal.fork;

import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host–worker wire format: one JSON object per line, each with a type field {@code t}.
 *
 * <p>Host to worker: {@code file} (a request), {@code path} (the reply to an {@code artifact} or {@code scratch}
 * request). Worker to host: {@code ready}, {@code hb} (heartbeat), {@code artifact}, {@code scratch}, {@code partial},
 * {@code progress}, then exactly one of {@code ok}, {@code failed} or {@code oom} per request. Closing the worker's
 * stdin asks it to exit.
 */
final class Protocol {
  static final String TYPE = "t";
  static final String FILE = "file";
  static final String PATH = "path";
  static final String READY = "ready";
  static final String HEARTBEAT = "hb";
  static final String ARTIFACT = "artifact";
  static final String SCRATCH = "scratch";
  static final String PARTIAL = "partial";
  static final String PROGRESS = "progress";
  static final String OK = "ok";
  static final String FAILED = "failed";
  static final String OOM = "oom";

  /** The worker's exit status after an {@link OutOfMemoryError}, so the host can tell it from other deaths. */
  static final int EXIT_OUT_OF_MEMORY = 97;
  /** The worker's exit status when the host went away (its stdout pipe broke). */
  static final int EXIT_HOST_GONE = 98;

  /** Pre-encoded so they can be written without allocating, even with a full heap. */
  static final byte[] HEARTBEAT_LINE = "{\"t\":\"hb\"}\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] OOM_LINE = "{\"t\":\"oom\"}\n".getBytes(StandardCharsets.US_ASCII);

  /** Plain names on the wire; payloads inside are written with {@link dev.filebatch.BatchJson#mapper()}. */
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Protocol() {}

  /** A field as text, or {@code null} when absent or JSON null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
