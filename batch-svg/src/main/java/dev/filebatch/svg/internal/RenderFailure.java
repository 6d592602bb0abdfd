package dev.filebatch.svg.internal;

import dev.filebatch.svg.SvgRenderer;
import java.util.concurrent.CancellationException;
import org.apache.batik.bridge.InterruptedBridgeException;
import org.apache.batik.util.HaltingThread;

/**
 * A renderer failed on the document's content (an exception escaping Batik, FOP or JSVG). Kept apart from security
 * refusals and cancellation, which {@link #of} passes through unchanged, so that only this kind of failure is
 * reported as the renderer's and may be retried with the other renderer.
 */
final class RenderFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient SvgRenderer renderer;
  private final boolean otherTried;

  private RenderFailure(SvgRenderer renderer, Throwable cause, boolean otherTried) {
    super(renderer.jsonName() + " failed: " + cause, cause);
    this.renderer = renderer;
    this.otherTried = otherTried;
  }

  /**
   * Wraps a renderer's exception, or returns it as it is when it is a cancellation, a halt or a security refusal
   * (a {@link SecurityException} anywhere in its chain).
   */
  static Exception of(SvgRenderer renderer, Exception e) {
    if (e instanceof CancellationException || e instanceof InterruptedBridgeException
        || Thread.currentThread().isInterrupted() || HaltingThread.hasBeenHalted()) {
      return new CancellationException("file processing was cancelled");
    }
    if (isRefusal(e)) {
      return e;
    }
    return new RenderFailure(renderer, e, false);
  }

  /** True when a security wall, not the content, stopped the renderer: never retried elsewhere. */
  static boolean isRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SecurityException) {
        return true;
      }
    }
    return false;
  }

  /** This failure, noting that the other renderer was tried first and failed too. */
  RenderFailure afterOther(Throwable other) {
    RenderFailure both = new RenderFailure(renderer, getCause(), true);
    both.addSuppressed(other);
    return both;
  }

  SvgRenderer renderer() {
    return renderer;
  }

  boolean otherTried() {
    return otherTried;
  }
}
