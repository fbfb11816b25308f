package io.github.exchangeresilience.okhttp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text in a frame is written exactly as Jackson's generator writes it, whether it holds a character Jackson escapes
 * (written through its encoder) or none (appended as it is): every character up to U+00FF and a few beyond, each alone
 * and amid plain text, as a value and as a name.
 */
class RequestFramesTest {
  private static final JsonFactory JSON = new JsonFactory();

  @Test
  void everyCharacterIsWrittenAsJacksonsGeneratorWritesIt() throws IOException {
    List<String> texts = new ArrayList<>(List.of("", "BTC-USDT-SWAP", "0.001", "a \"quoted\" \\ back\nline", "/",
        "\u2028\u2029", "é €", "\uD83D\uDE00"));
    for (char c = 0; c <= 0xFF; c++) {
      texts.add(String.valueOf(c));
      texts.add("px" + c + "1");
    }
    for (String text : texts) {
      assertThat(RequestFrames.json(Map.of("v", text))).as("value %s", escaped(text))
          .isEqualTo(jackson("v", text));
      assertThat(RequestFrames.json(Map.of(text, "v"))).as("name %s", escaped(text))
          .isEqualTo(jackson(text, "v"));
    }
  }

  private static String jackson(String name, String value) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = JSON.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeStringField(name, value);
      generator.writeEndObject();
    }
    return out.toString();
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
    return out.toString();
  }
}
