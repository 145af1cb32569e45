package io.broadcastserver.security;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Finds a client's token in an upgrade request: {@code Authorization: Bearer …}, the {@code token} query
 * parameter, or a {@code bearer.<token>} entry of {@code Sec-WebSocket-Protocol} (the only header a
 * browser's WebSocket can set). A browser offering its token that way must also offer {@link #SUBPROTOCOL},
 * which is the one the server selects, because a browser drops a connection whose answer names none.
 */
public final class TokenSource {

  /** The subprotocol this server speaks and selects. */
  public static final String SUBPROTOCOL = "broadcast";
  private static final String BEARER_PROTOCOL_PREFIX = "bearer.";
  private static final String BEARER_PREFIX = "bearer ";

  private TokenSource() {
  }

  /** @return the token, or null when the request carries none */
  public static String find(MultiMap headers, String uri) {
    String authorization = headers.get("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
      return authorization.substring(BEARER_PREFIX.length()).trim();
    }
    if (uri != null && uri.indexOf('?') >= 0) {
      List<String> values = new QueryStringDecoder(uri).parameters().get("token");
      if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
        return values.get(0);
      }
    }
    for (String protocol : offeredSubprotocols(headers)) {
      if (protocol.startsWith(BEARER_PROTOCOL_PREFIX) && protocol.length() > BEARER_PROTOCOL_PREFIX.length()) {
        return protocol.substring(BEARER_PROTOCOL_PREFIX.length());
      }
    }
    return null;
  }

  /**
   * A client that offers subprotocols must offer ours: otherwise the answer would select none, which
   * browsers treat as a failed connection.
   */
  public static boolean offersUsableSubprotocol(MultiMap headers) {
    List<String> offered = offeredSubprotocols(headers);
    return offered.isEmpty() || offered.contains(SUBPROTOCOL);
  }

  private static List<String> offeredSubprotocols(MultiMap headers) {
    return headers.getAll("Sec-WebSocket-Protocol").stream()
      .flatMap(value -> List.of(value.split(",")).stream())
      .map(String::trim)
      .filter(protocol -> !protocol.isEmpty())
      .toList();
  }
}
