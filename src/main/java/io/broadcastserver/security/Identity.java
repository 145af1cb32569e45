package io.broadcastserver.security;

/**
 * Who a connection belongs to, from its token: {@code sub} and the optional {@code name} claim. When the
 * server runs open there is no identity and the connection's own id stands in for it.
 *
 * @param userId the token's {@code sub}
 * @param name the token's {@code name} claim, or null
 * @param expiresAtMillis the token's {@code exp} in epoch milliseconds, or 0 when it never expires
 */
public record Identity(String userId, String name, long expiresAtMillis) {
}
