package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The stream's contract with the decoders and the reader: it reads as a parser of the frame's own bytes does (the end
 * of the input after the object, {@link JsonEOFException} inside it), and it ends a frame cleanly only when nothing but
 * white space follows the object, so that the next frame is read from its own first token.
 */
class FrameStreamTest {
  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<JsonToken> tokens(FrameStream stream) throws IOException {
    List<JsonToken> tokens = new ArrayList<>();
    JsonToken token;
    while ((token = stream.nextToken()) != null) {
      tokens.add(token);
    }
    return tokens;
  }

  @Test
  void aFrameIsReadToItsEndAndTheNextFromItsFirstToken() throws IOException {
    FrameStream stream = FrameStream.open();
    byte[] first = utf8("{\"code\":\"0\",\"data\":[1]} \r\n");

    assertThat(stream.feed(first)).isTrue();
    assertThat(tokens(stream)).containsExactly(JsonToken.START_OBJECT, JsonToken.FIELD_NAME, JsonToken.VALUE_STRING,
        JsonToken.FIELD_NAME, JsonToken.START_ARRAY, JsonToken.VALUE_NUMBER_INT, JsonToken.END_ARRAY,
        JsonToken.END_OBJECT);
    assertThat(stream.readToEnd()).isTrue();
    assertThat(stream.feed(utf8("\t{\"id\":\"2\"}"))).isTrue();

    assertThat(stream.base()).isEqualTo(first.length);
    assertThat(stream.nextToken()).isEqualTo(JsonToken.START_OBJECT);
    assertThat(stream.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
    assertThat(stream.currentName()).isEqualTo("id");
    assertThat(stream.readToEnd()).as("read on from where the decoders stopped").isTrue();
    assertThat(stream.feed(utf8("{\"id\":\"3\"}  "))).isTrue();
    while (stream.nextToken() != JsonToken.END_OBJECT) {
      // the decoders stop at the object's end, the white space after it unread
    }
    assertThat(stream.readToEnd()).isTrue();
    assertThat(stream.feed(utf8("{}"))).as("the white space read too").isTrue();
    assertThat(stream.nextToken()).isEqualTo(JsonToken.START_OBJECT);
  }

  @Test
  void aFrameThatEndsInsideItsJsonEndsAsAParserOfItsOwnBytesEnds() throws IOException {
    FrameStream stream = FrameStream.open();
    stream.feed(utf8("{\"code\":\"0\",\"data\":[{\"sCode\":"));

    assertThatThrownBy(() -> tokens(stream)).isInstanceOf(JsonEOFException.class);
    assertThat(stream.readToEnd()).isFalse();
  }

  @Test
  void skippingAContainerSkipsToItsEndAndNoFurther() throws IOException {
    FrameStream stream = FrameStream.open();
    stream.feed(utf8("{\"data\":[{\"a\":[1,{}]},2],\"code\":\"0\"}"));
    stream.nextToken();
    stream.nextToken();
    stream.nextToken();

    assertThat(stream.skipChildren()).isSameAs(stream);
    assertThat(stream.currentToken()).isEqualTo(JsonToken.END_ARRAY);
    assertThat(stream.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
    assertThat(stream.currentName()).isEqualTo("code");
    assertThat(stream.skipChildren()).as("not on a container: nothing skipped").isSameAs(stream);
    assertThat(stream.currentToken()).isEqualTo(JsonToken.FIELD_NAME);
  }

  @Test
  void anythingButWhiteSpaceAfterTheObjectEndsTheStream() throws IOException {
    for (String tail : List.of(" 5", "5", " \"x", " t", " nul", " {\"id\":\"9\"}", " [", "}", " x", "\u0001")) {
      FrameStream stream = FrameStream.open();
      stream.feed(utf8("{\"id\":\"1\"}"));
      assertThat(stream.readToEnd()).isTrue();
      stream.feed(utf8("{\"id\":\"2\"}" + tail)); // a second frame: its offsets counted from the first one's end

      assertThat(stream.readToEnd()).as(tail).isFalse();
    }
  }

  @Test
  void aFrameWithoutAnObjectHasNoCleanEnd() throws IOException {
    FrameStream stream = FrameStream.open();
    stream.feed(utf8("  \n"));

    assertThat(stream.readToEnd()).isFalse();
  }

  @Test
  void aStreamReadsItsShareOfFramesThenTakesNoMore() throws IOException {
    FrameStream stream = FrameStream.open();
    byte[] frame = utf8("{}");
    for (int i = 0; i < FrameStream.FRAMES_PER_STREAM; i++) {
      assertThat(stream.feed(frame)).isTrue();
      assertThat(stream.readToEnd()).isTrue();
    }

    assertThat(stream.feed(frame)).isFalse();
    assertThat(stream.base()).isEqualTo(2L * (FrameStream.FRAMES_PER_STREAM - 1));
  }
}
