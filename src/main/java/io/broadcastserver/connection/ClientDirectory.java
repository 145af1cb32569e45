package io.broadcastserver.connection;

/**
 * Where a node records which clients it holds, beyond its own registries. A single server needs no
 * such list; a cluster node keeps one so the others can announce its clients if it dies.
 */
public interface ClientDirectory {

  /** For a server that is not clustered. */
  ClientDirectory NONE = new ClientDirectory() {
    @Override
    public void joined(String clientId, String userId, String name) {
    }

    @Override
    public void left(String clientId) {
    }
  };

  void joined(String clientId, String userId, String name);

  void left(String clientId);
}
