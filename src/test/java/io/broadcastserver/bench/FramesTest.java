package io.broadcastserver.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The generator's frame scans: broadcasts told apart, and their send time read, without parsing")
class FramesTest {

  @Test
  @DisplayName("a broadcast is recognised by its prefix, wherever the frame sits in the buffer")
  void recognisesBroadcasts() {
    assertThat(Frames.isBroadcast(slice("{\"type\":\"broadcast\",\"from\":\"a\"}"))).isTrue();
    assertThat(Frames.isBroadcast(slice("{\"type\":\"broadcast\"}"))).isTrue();
    assertThat(Frames.isBroadcast(slice("{\"type\":\"broadcasT\"}"))).isFalse();
    assertThat(Frames.isBroadcast(slice("{\"type\":\"echo\",\"data\":\"broadcast\"}"))).isFalse();
    assertThat(Frames.isBroadcast(slice("{\"type\":\"broad"))).isFalse();
  }

  @Test
  @DisplayName("the send time is the number after the first \"t\": key, not after \"type\" or a value t")
  void readsTheSendTime() {
    assertThat(Frames.sentMicros(slice(
      "{\"type\":\"broadcast\",\"from\":\"t\",\"data\":{\"t\":1234567890123,\"p\":\"xt\\\":9\"}}")))
      .isEqualTo(1234567890123L);
    assertThat(Frames.sentMicros(slice("{\"t\":7}"))).isEqualTo(7);
    assertThat(Frames.sentMicros(slice("{\"type\":\"broadcast\",\"data\":{\"x\":1}}"))).isEqualTo(-1);
  }

  @Test
  @DisplayName("the reader that looks where the last key was finds it there, and elsewhere when it moved")
  void readerFollowsTheKey() {
    Frames.SendTimeReader reader = new Frames.SendTimeReader();
    assertThat(reader.read(slice("{\"type\":\"broadcast\",\"from\":\"ab\",\"data\":{\"t\":11}}"))).isEqualTo(11);
    assertThat(reader.read(slice("{\"type\":\"broadcast\",\"from\":\"cd\",\"data\":{\"t\":22}}"))).isEqualTo(22);
    assertThat(reader.read(slice("{\"type\":\"broadcast\",\"from\":\"efg\",\"data\":{\"t\":33}}"))).isEqualTo(33);
    assertThat(reader.read(slice("{\"type\":\"broadcast\",\"from\":\"h\",\"data\":{\"t\":44}}"))).isEqualTo(44);
    assertThat(reader.read(slice("{\"t\":5}"))).isEqualTo(5);
    assertThat(reader.read(slice("{\"type\":\"broadcast\",\"data\":{}}"))).isEqualTo(-1);
  }

  @Test
  @DisplayName("a message the generator writes carries the time it is given, at about the size asked for")
  void messagesCarryTheirTime() {
    String message = Frames.message(42, 100);
    assertThat(Frames.sentMicros(slice(message))).isEqualTo(42);
    assertThat(message).hasSize(100);
  }

  /** The text as a slice in the middle of a larger buffer, as the generator's reader hands frames on. */
  private static ByteBuf slice(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    ByteBuf buffer = Unpooled.buffer().writeBytes("\u0081~garbage".getBytes(StandardCharsets.ISO_8859_1))
      .writeBytes(bytes).writeBytes("{\"t\":99}".getBytes(StandardCharsets.US_ASCII));
    return buffer.slice(9, bytes.length);
  }
}
