package io.github.exchangeresilience.okhttp.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.WebSocketFrame;
import io.github.exchangeresilience.decode.WebSocketFrameReader;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The first attempt's answer is decided by whoever is told of it ({@link Connection.Waiting#whenAnswered}): exactly
 * once, whether the answer or the failure came before the attempt asked to be told, after, or at the same moment.
 */
class WaitingTest {
  private static final WebSocketFrame ANSWER = new WebSocketFrameReader(Exchange.OKX.spec(),
      ResponseDecoder.of(Exchange.OKX, ErrorCatalog.builtIn()))
      .read("{\"id\":\"1\",\"op\":\"order\",\"code\":\"0\",\"msg\":\"\",\"data\":[]}");

  /** What it was told: the answer, or the failure's message. */
  private static final class Told implements Connection.Answered {
    final List<Object> told = new ArrayList<>();

    @Override
    public synchronized void answered(WebSocketFrame received, Throwable failure) {
      told.add(received != null ? received : failure.getMessage());
    }

    synchronized List<Object> told() {
      return List.copyOf(told);
    }
  }

  @Test
  void anAnswerThatCameFirstIsToldOnAskingAndNeverAgain() {
    Connection.Waiting waiting = new Connection.Waiting(0);
    Told told = new Told();

    waiting.complete(ANSWER);
    waiting.whenAnswered(told);
    waiting.completeExceptionally(new IOException("lost"));

    assertThat(told.told()).containsExactly(ANSWER);
  }

  @Test
  void aFailureThatCameFirstIsToldOnAsking() {
    Connection.Waiting waiting = new Connection.Waiting(0);
    Told told = new Told();

    waiting.completeExceptionally(new IOException("connection 1 lost"));
    waiting.whenAnswered(told);

    assertThat(told.told()).containsExactly("connection 1 lost");
  }

  @Test
  void anAnswerAfterAskingIsToldOnceByTheThreadThatCompletes() {
    Connection.Waiting waiting = new Connection.Waiting(0);
    Told told = new Told();

    waiting.whenAnswered(told);
    assertThat(told.told()).isEmpty();
    waiting.completeExceptionally(new IOException("connection 2 lost"));
    waiting.complete(ANSWER);

    assertThat(told.told()).containsExactly("connection 2 lost");
    assertThat(waiting.isCompletedExceptionally()).isTrue();
  }

  @Test
  void askingAndCompletingAtTheSameMomentTellsExactlyOnce() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 2_000; round++) {
        Connection.Waiting waiting = new Connection.Waiting(0);
        Told told = new Told();
        CountDownLatch start = new CountDownLatch(1);
        var asked = threads.submit(() -> {
          start.await();
          waiting.whenAnswered(told);
          return null;
        });
        var completed = threads.submit(() -> {
          start.await();
          return waiting.complete(ANSWER);
        });
        start.countDown();
        asked.get(5, TimeUnit.SECONDS);
        assertThat(completed.get(5, TimeUnit.SECONDS)).isTrue();

        assertThat(told.told()).as("round " + round).containsExactly(ANSWER);
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
