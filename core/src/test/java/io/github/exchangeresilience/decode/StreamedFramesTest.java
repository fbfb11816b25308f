package io.github.exchangeresilience.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.PolicyClass;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection's frames are read one after the other by one streaming parser ({@link FrameStream}). The oracle is the
 * read of each frame with a parser of its own: for every frame of {@link OnePassFrameTest}, every cut of it and every
 * break, and every tail after its object (white space, another value, part of one), read in turns with the whole
 * frame through one reader, the streamed read must find the same id, kind, status and headers, and decide the same;
 * and what a broken frame leaves behind must never reach the next one.
 */
class StreamedFramesTest {
  private static final List<Exchange> STREAMED = List.of(Exchange.OKX, Exchange.BYBIT, Exchange.BITGET);
  /** An OKX order placed: a frame every stream reads to a clean end. */
  private static final String PLACED = OnePassFrameTest.FRAMES.get(Exchange.OKX).get(3);

  @Test
  void everyFrameEveryCutAndEveryTailIsReadAsAParserOfItsOwnReadsIt() {
    int compared = 0;
    int kept = 0;
    for (Exchange exchange : STREAMED) {
      WebSocketFrameReader streamed = reader(exchange, true);
      WebSocketFrameReader own = reader(exchange, false);
      for (String frame : OnePassFrameTest.FRAMES.get(exchange)) {
        for (String variant : variants(frame)) {
          assertReadAlike(streamed, own, exchange, variant);
          assertReadAlike(streamed, own, exchange, frame); // the next frame, whatever the last one left
          compared += 2;
          kept += streamed.idleStream() != null ? 1 : 0;
        }
      }
    }
    assertThat(compared).isGreaterThan(8_000);
    // The whole frames read by the stream to a clean end (it was kept for the next): all but the broken ones and those
    // whose items, ahead of the code that says they decide, a stream leaves to a parser of their own.
    assertThat(kept).as("whole frames the stream read").isGreaterThan(compared / 2 * 3 / 4);
  }

  @Test
  void oneStreamReadsFrameAfterFrameUntilItHasReadItsShare() {
    WebSocketFrameReader reader = reader(Exchange.OKX, true);

    reader.read(PLACED);
    FrameStream first = reader.idleStream();
    for (int i = 1; i < FrameStream.FRAMES_PER_STREAM; i++) {
      reader.read(PLACED);
    }

    assertThat(first).isNotNull();
    assertThat(reader.idleStream()).as("the same stream, its share read").isSameAs(first);
    reader.read(PLACED);
    assertThat(reader.idleStream()).as("another one, once it has").isNotNull().isNotSameAs(first);
  }

  @Test
  void anOkxAnswerInItsDocumentedOrderIsReadByTheStreamUnlessItsItemsAheadOfTheCodeDecide() {
    WebSocketFrameReader reader = reader(Exchange.OKX, true);
    List<String> frames = OnePassFrameTest.FRAMES.get(Exchange.OKX);
    String placed = frames.get(0); // data, then "code":"0", as OKX's page shows an order's answer
    String refused = frames.get(1); // data, then "code":"1": the item in data says why

    reader.read(placed);
    FrameStream stream = reader.idleStream();
    WebSocketFrame again = reader.read(placed);
    FrameStream afterSuccess = reader.idleStream();
    WebSocketFrame failed = reader.read(refused);

    assertThat(stream).isNotNull();
    assertThat(afterSuccess).as("the success decided without coming back to data: the stream kept").isSameAs(stream);
    assertThat(again.decoded().policyClass()).isEqualTo(PolicyClass.SUCCESS);
    assertThat(reader.idleStream()).as("the items read again by a parser of the frame's own").isNull();
    assertThat(failed.decoded().items()).singleElement()
        .satisfies(item -> assertThat(item.code()).isEqualTo("51008"));
  }

  @Test
  void aStreamThatReadABrokenFrameIsNeverFedAgain() {
    WebSocketFrameReader reader = reader(Exchange.OKX, true);
    List<String> frames = OnePassFrameTest.FRAMES.get(Exchange.OKX);

    reader.read(frames.get(3));
    FrameStream before = reader.idleStream();
    WebSocketFrame cut = reader.read(frames.get(3).substring(0, 40));
    assertThat(reader.idleStream()).as("closed with the frame it could not end").isNull();
    WebSocketFrame next = reader.read(frames.get(4));

    assertThat(before).isNotNull();
    assertThat(cut.decoded().bodyShape()).isEqualTo(BodyShape.TRUNCATED_JSON);
    assertThat(next.id()).isEqualTo("1516");
    assertThat(next.decoded().code()).contains("50011");
    assertThat(reader.idleStream()).isNotNull().isNotSameAs(before);
  }

  @Test
  void framesTooLongOrOpeningWithAByteOrderMarkAreReadByAParserOfTheirOwn() {
    WebSocketFrameReader reader = reader(Exchange.OKX, true);
    reader.read(PLACED);
    FrameStream kept = reader.idleStream();
    String padding = " ".repeat(WebSocketFrameReader.STREAMED_FRAME_LIMIT);
    String bom = new String(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8);

    WebSocketFrame longFrame = reader.read(PLACED.replace("\"msg\":\"\"", "\"msg\":\"\"" + padding));
    WebSocketFrame marked = reader.read(bom + PLACED);

    assertThat(longFrame.decoded().code()).contains("0");
    assertThat(marked.decoded().code()).contains("0");
    assertThat(marked.id()).isEqualTo("1515");
    assertThat(reader.idleStream()).as("left as it was").isSameAs(kept);
  }

  @Test
  void aFrameAsLongAsTheLimitIsStreamedAndOneByteLongerIsNot() {
    WebSocketFrameReader reader = reader(Exchange.OKX, true);
    reader.read(PLACED);
    FrameStream stream = reader.idleStream();
    String atTheLimit = PLACED.replace("\"msg\":\"\"",
        "\"msg\":\"\"" + " ".repeat(WebSocketFrameReader.STREAMED_FRAME_LIMIT - PLACED.length()));

    reader.read(atTheLimit);
    reader.read(atTheLimit + " ");
    reader.read(PLACED);

    assertThat(atTheLimit).hasSize(WebSocketFrameReader.STREAMED_FRAME_LIMIT);
    assertThat(reader.idleStream()).isSameAs(stream);
    assertThat(stream.base()).as("fed the first frame and the one at the limit").isEqualTo(PLACED.length() + 16_384L);
  }

  @Test
  void kindsTheSpecificationDoesNotNameAreReadAsWritten() {
    WebSocketFrameReader streamed = reader(Exchange.OKX, true);
    WebSocketFrameReader own = reader(Exchange.OKX, false);
    String subscribed = "{\"event\":\"subscribe\",\"arg\":{\"channel\":\"orders\"},\"connId\":\"a4d3ae55\"}";

    assertThat(streamed.read(subscribed).kind()).isEqualTo("subscribe");
    assertThat(own.read(subscribed).kind()).isEqualTo("subscribe");
    assertThat(streamed.read(PLACED).kind()).isEqualTo("order");
  }

  /** {@link OnePassFrameTest#variants}, and the frame with what may follow its object, and before it. */
  private static List<String> variants(String frame) {
    List<String> variants = new ArrayList<>(OnePassFrameTest.variants(frame));
    for (String tail : List.of(" ", "\r\n\t ", " 5", "5", " \"x}", " t", " [", "}", " {\"id\":\"9\"}", "\u0001")) {
      variants.add(frame + tail);
    }
    variants.add("  \n" + frame);
    return variants;
  }

  private static WebSocketFrameReader reader(Exchange exchange, boolean streamed) {
    return new WebSocketFrameReader(exchange.spec(), ResponseDecoder.of(exchange, OnePassFrameTest.CATALOG), streamed);
  }

  private static void assertReadAlike(WebSocketFrameReader streamed, WebSocketFrameReader own, Exchange exchange,
      String text) {
    WebSocketFrame actual = streamed.read(text);
    WebSocketFrame expected = own.read(text);
    String what = exchange + " " + text;
    assertThat(actual.json()).as(what).isEqualTo(expected.json());
    assertThat(actual.id()).as(what).isEqualTo(expected.id());
    assertThat(actual.kind()).as(what).isEqualTo(expected.kind());
    assertThat(actual.snapshot().httpStatus()).as(what).isEqualTo(expected.snapshot().httpStatus());
    assertThat(actual.snapshot().body()).as(what).isEqualTo(expected.snapshot().body());
    for (String header : OnePassFrameTest.HEADERS) {
      assertThat(actual.snapshot().headers().get(header)).as(what)
          .isEqualTo(expected.snapshot().headers().get(header));
    }
    DecidedAlike.assertDecidedAlike(actual.decoded(), expected.decoded(), what);
  }
}
