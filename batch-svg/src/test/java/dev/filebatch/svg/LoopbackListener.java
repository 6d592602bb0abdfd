package dev.filebatch.svg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP listener on 127.0.0.1 that counts every connection made to it and answers each with a tiny valid response,
 * so a renderer that tried to fetch would succeed and be counted. Hostile test documents point all their URLs here.
 */
public final class LoopbackListener implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;
  private static final String SENTINEL = "FILEBATCH-SENTINEL";
  private final AtomicInteger sentinelsSeen = new AtomicInteger();
  private int sentinelsSent;

  public LoopbackListener() throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    acceptor = new Thread(this::accept, "loopback-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(500);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int n = 0;
        try {
          n = in.read(buffer);
        } catch (IOException ignored) {
          // a silent client still counts
        }
        if (n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith(SENTINEL)) {
          sentinelsSeen.incrementAndGet();
          continue;
        }
        connections.incrementAndGet();
        OutputStream out = socket.getOutputStream();
        String body = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"5\" height=\"5\"/></svg>";
        out.write(("HTTP/1.0 200 OK\r\nContent-Type: image/svg+xml\r\nContent-Length: " + body.length()
            + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      } catch (SocketException closed) {
        return;
      } catch (IOException ignored) {
        // keep accepting
      }
    }
  }

  /** {@code http://127.0.0.1:PORT/path}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + "/" + path;
  }

  /** The bare {@code 127.0.0.1:PORT}. */
  public String hostPort() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * Connections received so far from anything but this listener itself. Sends a sentinel first and waits until it
   * is accepted: connections are accepted in order, so every earlier request has been counted by then.
   */
  public int requests() throws IOException, InterruptedException {
    sentinelsSent++;
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.getLocalPort())) {
      socket.getOutputStream().write(SENTINEL.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      long end = System.nanoTime() + 10_000_000_000L;
      while (sentinelsSeen.get() < sentinelsSent && System.nanoTime() < end) {
        Thread.sleep(5);
      }
    }
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
