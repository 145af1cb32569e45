package io.broadcastserver.connection;

import io.broadcastserver.security.Identity;

/**
 * What the handshake established about a client before its socket existed.
 *
 * @param ip the client's IP address, whose connection-limit slot is released when the socket closes
 * @param identity from the client's token, or null when the server runs open
 */
public record Admission(String ip, Identity identity) {
}
