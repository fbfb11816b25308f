package io.github.exchangeresilience.catalog.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The checked-in source documents and data files, read from the module's directory as the tests run in it. */
final class Sources {
  static final Path DIRECTORY = Path.of("src/main/catalog-sources");
  static final Path DATA_DIRECTORY = Path.of("src/main/resources/io/github/exchangeresilience/catalog");
  static final String OKX_COPY_TRADING = "000_f5852d447b902268.txt";
  static final String OKX_PUBLIC = "001_fbebf5cfef146b6b.txt";
  static final String BYBIT = "002_ec6e6d16ed8c7874.txt";
  static final String BITGET = "003_9b41f529b0a4a7fa.txt";
  static final String BINANCE = "004_2a99d2958f658e2d.txt";
  static final String OKX_REST_PUBLIC = "005_b4b72ecf15d95f17.txt";
  static final String OKX_WEBSOCKET_PUBLIC = "006_524a1f91cf270664.txt";
  static final String BYBIT_TABLE = "007_1a48aed7adc7fb9b.txt";
  static final String BINANCE_GENERAL_INFO = "008_ab1b6d4eea26cf1d.txt";

  private Sources() {}

  static SourceDocument document(String fileName) {
    try {
      return SourceDocument.read(DIRECTORY.resolve(fileName));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<SourceDocument> all() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      List<SourceDocument> documents = new ArrayList<>();
      for (Path file : files.filter(path -> path.toString().endsWith(".txt")).sorted().toList()) {
        documents.add(SourceDocument.read(file));
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
