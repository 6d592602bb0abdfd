package dev.filebatch.benchmarks.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A loopback listener that records every connection it receives, for {@code scripts/hostile-harness.sh}.
 *
 * <p>The hostile corpus has every outside URL rewritten to {@code 127.0.0.1:9999}. While the harness feeds those
 * files through the CLI, this listener holds that port: any connection it records is a file that made Filebatch
 * fetch something, which must never happen. Each connection becomes one line of the log (time, peer, first line of
 * what was sent); the peer then gets an empty {@code 404} and is closed.
 *
 * <pre>java -cp benchmarks.jar dev.filebatch.benchmarks.corpus.LeakListener 9999 leaks.log</pre>
 */
public final class LeakListener {
  private LeakListener() {}

  /**
   * Listens until the process is killed.
   *
   * @param args the port, then the log file (created or appended to)
   * @throws IOException if the port cannot be bound
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: LeakListener PORT LOG_FILE");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path log = Path.of(args[1]);
    Files.writeString(log, "", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
      System.out.println("listening on " + server.getLocalSocketAddress());
      while (true) {
        Socket peer = server.accept();
        // One daemon thread per peer, so a peer that sends nothing cannot hold up the next.
        Thread t = new Thread(() -> record(peer, log), "leak-listener-peer");
        t.setDaemon(true);
        t.start();
      }
    }
  }

  private static void record(Socket peer, Path log) {
    try (peer) {
      peer.setSoTimeout(1_000);
      String first = firstLine(peer.getInputStream());
      String line = Instant.now() + "\t" + peer.getRemoteSocketAddress() + "\t" + first + "\n";
      synchronized (LeakListener.class) {
        Files.writeString(log, line, StandardOpenOption.APPEND);
      }
      OutputStream out = peer.getOutputStream();
      out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    try {
      int b;
      while (line.length() < 512 && (b = in.read()) >= 0 && b != '\n') {
        if (b >= 0x20 && b < 0x7f) {
          line.append((char) b);
        }
      }
    } catch (SocketTimeoutException e) {
      line.append(" (no request line within 1 s)");
    }
    return line.toString();
  }
}
