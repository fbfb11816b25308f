package io.github.exchangeresilience.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the per-exchange catalog data files ({@code <exchange-id>.json} on the classpath under
 * {@code io/github/exchangeresilience/catalog/}). One entry per line, so a regenerated file reviews as a clean diff.
 * Read with jackson-core's streaming parser: loading needs neither the importer nor a data-binding library.
 */
public final class CatalogFiles {
  static final String RESOURCE_DIRECTORY = "/io/github/exchangeresilience/catalog/";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CatalogFiles() {}

  /** The classpath resource name of an exchange's data file. */
  public static String resourceName(Exchange exchange) {
    return RESOURCE_DIRECTORY + fileName(exchange);
  }

  public static String fileName(Exchange exchange) {
    return exchange.id() + ".json";
  }

  /** Loads the data file shipped in this jar for {@code exchange}. */
  public static List<CatalogEntry> loadBuiltIn(Exchange exchange) {
    try (InputStream in = CatalogFiles.class.getResourceAsStream(resourceName(exchange))) {
      if (in == null) {
        throw new IllegalStateException("catalog data file missing from the classpath: " + resourceName(exchange));
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resourceName(exchange), e);
    }
  }

  /** Reads a data file. The stream is not closed. */
  public static List<CatalogEntry> read(InputStream in) throws IOException {
    List<CatalogEntry> entries = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(in)) {
      expect(parser.nextToken(), JsonToken.START_OBJECT, parser);
      Exchange exchange = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        if ("exchange".equals(field)) {
          String id = parser.getText();
          exchange = Exchange.fromId(id)
              .orElseThrow(() -> new IOException("unknown exchange in catalog file: " + abbreviate(id)));
        } else if ("entries".equals(field)) {
          if (exchange == null) {
            throw new IOException("catalog file must name its exchange before its entries");
          }
          expect(parser.currentToken(), JsonToken.START_ARRAY, parser);
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            entries.add(readEntry(parser, exchange));
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return entries;
  }

  private static CatalogEntry readEntry(JsonParser parser, Exchange exchange) throws IOException {
    CatalogEntry.Builder builder = CatalogEntry.builder().exchange(exchange);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "code" -> builder.code(parser.getText());
        case "kind" -> builder.kind(EntryKind.valueOf(parser.getText()));
        case "name" -> builder.name(parser.getText());
        case "http" -> builder.httpStatus(value == JsonToken.VALUE_NULL ? null : parser.getIntValue());
        case "class" -> builder.policyClass(PolicyClass.valueOf(parser.getText()));
        case "rule" -> builder.classifiedBy(parser.getText());
        case "section" -> builder.section(parser.getText());
        case "source" -> builder.source(parser.getText());
        case "sources" -> builder.sources(readStrings(parser, value));
        case "document" -> builder.documentKind(parser.getText());
        case "documents" -> builder.documentKinds(readStrings(parser, value));
        case "transport" -> builder.transport(Transport.valueOf(parser.getText()));
        case "messages" -> {
          expect(value, JsonToken.START_ARRAY, parser);
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            String language = null;
            String text = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String messageField = parser.currentName();
              parser.nextToken();
              if ("lang".equals(messageField)) {
                language = parser.getText();
              } else if ("text".equals(messageField)) {
                text = parser.getText();
              } else {
                parser.skipChildren();
              }
            }
            builder.addMessage(new LocalizedMessage(language, text));
          }
        }
        default -> parser.skipChildren();
      }
    }
    return builder.build();
  }

  private static List<String> readStrings(JsonParser parser, JsonToken value) throws IOException {
    expect(value, JsonToken.START_ARRAY, parser);
    List<String> strings = new ArrayList<>();
    while (parser.nextToken() == JsonToken.VALUE_STRING) {
      strings.add(parser.getText());
    }
    expect(parser.currentToken(), JsonToken.END_ARRAY, parser);
    return strings;
  }

  /**
   * Writes {@code entries}, all of one exchange, in the order given. The stream is not closed. An entry of several
   * documents (a catalog entry rather than a data file line) is written with {@code sources} and {@code documents}
   * arrays.
   */
  public static void write(Exchange exchange, List<CatalogEntry> entries, OutputStream out) throws IOException {
    try (JsonGenerator gen = JSON.createGenerator(out)) {
      gen.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      gen.writeStartObject();
      gen.writeStringField("exchange", exchange.id());
      gen.writeFieldName("entries");
      gen.writeStartArray();
      for (CatalogEntry entry : entries) {
        if (entry.exchange() != exchange) {
          throw new IllegalArgumentException("entry of " + entry.exchange() + " in the file of " + exchange);
        }
        gen.writeRaw('\n');
        writeEntry(gen, entry);
      }
      gen.writeRaw('\n');
      gen.writeEndArray();
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
  }

  private static void writeEntry(JsonGenerator gen, CatalogEntry entry) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("code", entry.code());
    if (entry.kind() != EntryKind.CODE) {
      gen.writeStringField("kind", entry.kind().name());
    }
    if (entry.name().isPresent()) {
      gen.writeStringField("name", entry.name().get());
    }
    if (entry.httpStatus().isPresent()) {
      gen.writeNumberField("http", entry.httpStatus().get());
    }
    gen.writeStringField("class", entry.policyClass().name());
    if (entry.classifiedBy().isPresent()) {
      gen.writeStringField("rule", entry.classifiedBy().get());
    }
    if (entry.section().isPresent()) {
      gen.writeStringField("section", entry.section().get());
    }
    writeOneOrMany(gen, "source", "sources", entry.sources());
    if (!entry.documentKinds().isEmpty()) {
      writeOneOrMany(gen, "document", "documents", entry.documentKinds());
    }
    gen.writeStringField("transport", entry.transport().name());
    gen.writeFieldName("messages");
    gen.writeStartArray();
    for (LocalizedMessage message : entry.messages()) {
      gen.writeStartObject();
      gen.writeStringField("lang", message.language());
      gen.writeStringField("text", message.text());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeEndObject();
  }

  private static void writeOneOrMany(JsonGenerator gen, String one, String many, List<String> values)
      throws IOException {
    if (values.size() == 1) {
      gen.writeStringField(one, values.get(0));
      return;
    }
    gen.writeArrayFieldStart(many);
    for (String value : values) {
      gen.writeString(value);
    }
    gen.writeEndArray();
  }

  private static void expect(JsonToken actual, JsonToken expected, JsonParser parser) throws IOException {
    if (actual != expected) {
      throw new IOException("malformed catalog file: expected " + expected + " but found " + actual + " at "
          + parser.currentLocation());
    }
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
