/**
 * Forked isolation: a processor's files run in worker JVMs, so an endless loop, a heap overflow, a fatal stack
 * overflow, {@code System.exit}, {@code Runtime.halt} or a native crash costs one worker process, never the host.
 *
 * <p>Design. {@link dev.filebatch.internal.fork.ForkedRunner} is installed as the runner of a lane whose isolation
 * is forked; it keeps a pool of at most the lane's parallelism of worker JVMs, started lazily from the host's own
 * {@code java} and class path with the isolation's {@code -Xmx} and options, kept warm between files (the processor
 * is created once per worker) and recycled after a number of files. Host and worker talk in JSON lines over the
 * worker's stdin and stdout ({@code Protocol}); the file itself is passed by its workspace path, never copied. A
 * reader thread per worker turns its stdout into a queue, so the lane thread waits on that queue with a timeout and
 * stays interruptible: when the engine's deadline timer or a cancellation interrupts it, or its own deadline check
 * or hang check fires, it kills the worker (and its descendants) and the file fails with the matching code.
 *
 * <p>Outcomes: the deadline passes, {@code TIMEOUT}; the worker reports an {@link java.lang.OutOfMemoryError} (it
 * catches it, reports it without allocating and halts) or exits with the status reserved for that,
 * {@code OUT_OF_MEMORY}; any other death, or silence longer than the hang timeout (the heartbeat thread runs even
 * while the processor spins, so silence means the whole JVM is stuck: a heap thrashing near full, a native hang),
 * {@code WORKER_CRASHED}. A stack overflow the worker survives fails the file with {@code PROCESSING_FAILED} and
 * retires the worker, since anything half-initialised on the way down is suspect.
 *
 * <p>No worker outlives its host: {@code close()} kills and reaps them, a shutdown hook kills any left, and a worker
 * whose heartbeat write fails (its host died without closing it) halts itself.
 */
package dev.filebatch.internal.fork;
