package io.broadcastserver.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 on a plain socket, for requests no HTTP client library would send as written: paths with
 * {@code ..} or encoded slashes, oversized heads, or bytes trickled one at a time.
 */
public final class RawHttp {

  /** A response: status, headers (lower-case names) and body text. */
  public record Response(int status, Map<String, String> headers, String body) {
  }

  private RawHttp() {
  }

  /** Sends {@code GET rawPath} exactly as given, with {@code Connection: close}, and reads the whole answer. */
  public static Response get(int port, String rawPath) throws IOException {
    return send(port, "GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n");
  }

  /** Sends the request text as it is and reads the answer until the server closes. */
  public static Response send(int port, String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    }
  }

  /** Parses a raw HTTP response (body read to the end of the stream). */
  public static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8);
    int headEnd = text.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    String[] lines = head.split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
    }
    int status = lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : -1;
    return new Response(status, headers, headEnd < 0 ? "" : text.substring(headEnd + 4));
  }

  /** Reads what the server sends until it closes, for at most the socket's timeout. */
  public static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toByteArray();
  }
}
