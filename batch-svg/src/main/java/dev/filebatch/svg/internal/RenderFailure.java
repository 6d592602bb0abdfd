package dev.filebatch.svg.internal;

import dev.filebatch.svg.SvgRenderer;
import java.util.concurrent.CancellationException;
import org.apache.batik.bridge.BridgeException;
import org.apache.batik.bridge.ErrorConstants;
import org.apache.batik.bridge.InterruptedBridgeException;
import org.apache.batik.transcoder.TranscoderException;
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
    return refusal(e) != null;
  }

  /**
   * The refusal's message, or null when no security wall is involved. Batik drops the {@link SecurityException} from
   * the chain and keeps only its message in a {@link BridgeException} coded {@code uri.unsecure}, and its
   * {@link TranscoderException} chains through {@code getException()}, so both are followed.
   */
  static String refusal(Throwable e) {
    Throwable t = e;
    for (int i = 0; t != null && i < 20; i++) {
      if (t instanceof SecurityException) {
        return t.getMessage();
      }
      if (t instanceof BridgeException bridge && (ErrorConstants.ERR_URI_UNSECURE.equals(bridge.getCode())
          || String.valueOf(bridge.getMessage()).contains(BatikRendering.REFUSED))) {
        return bridge.getMessage();
      }
      Throwable next = t instanceof TranscoderException transcoder && transcoder.getException() != null
          ? transcoder.getException() : t.getCause();
      t = next == t ? null : next;
    }
    return null;
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
