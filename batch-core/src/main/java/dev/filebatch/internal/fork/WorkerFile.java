package dev.filebatch.internal.fork;

import dev.filebatch.MediaType;
import dev.filebatch.spi.InputFile;
import java.nio.file.Path;
import java.util.Optional;

/** The worker's view of one file: the fields the host sent, over the same workspace copy. */
record WorkerFile(
    int index,
    String name,
    String origin,
    Optional<String> declaredType,
    MediaType detectedType,
    long size,
    String sha256,
    Path path) implements InputFile {}
