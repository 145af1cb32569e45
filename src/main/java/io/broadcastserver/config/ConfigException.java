package io.broadcastserver.config;

/** The configuration cannot be used; the message is one line meant for the person starting the server. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
