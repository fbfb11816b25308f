package io.github.exchangeresilience.samples.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.binance.connector.futures.client.exceptions.BinanceClientException;
import com.binance.connector.futures.client.exceptions.BinanceConnectorException;
import com.binance.connector.futures.client.impl.UMFuturesClientImpl;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeErrorException;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.ExecutionUnknownException;
import io.github.exchangeresilience.okhttp.LastCallOutcome;
import io.github.exchangeresilience.okhttp.SignatureExpiredException;
import io.github.exchangeresilience.okhttp.signing.Credentials;
import io.github.exchangeresilience.okhttp.signing.CredentialsProvider;
import io.github.exchangeresilience.okhttp.signing.ExchangeSigning;
import io.github.exchangeresilience.samples.demo.ExchangeRequests;
import io.github.exchangeresilience.samples.simulator.ExchangeSimulator;
import io.github.exchangeresilience.samples.simulator.FaultKind;
import io.github.exchangeresilience.samples.simulator.ManualClock;
import io.github.exchangeresilience.samples.simulator.RateLimitRule;
import io.github.exchangeresilience.samples.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binance's own futures connector (io.github.binance:binance-futures-connector-java, the real artifact), with the
 * interceptor installed into its client by {@link BinanceConnectorInstaller}, against the simulated Binance USDⓈ-M:
 * what a user of the connector meets, and what the simulator received.
 */
class BinanceFuturesConnectorTest {
  private static final String KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  private static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  /** Six seconds before a minute ends: a weight refusal names Retry-After: 6, beyond the 5 s receive window. */
  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:54Z"));
  private final LastCallOutcome last = new LastCallOutcome();
  private ExchangeSimulator simulator;
  private UMFuturesClientImpl connector;

  private void start(UnaryOperator<SimulatorConfig.Builder> config,
      UnaryOperator<ExchangeResilienceInterceptor.Builder> interceptor) {
    simulator = new ExchangeSimulator(config.apply(SimulatorConfig.builder().clock(clock)).build()).start();
    OkHttpClient installed = BinanceConnectorInstaller.install(interceptor.apply(
            ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM).listener(last))
        .build());
    assertThat(installed.retryOnConnectionFailure()).isFalse();
    assertThat(BinanceConnectorInstaller.isInstalled()).isTrue();
    connector = new UMFuturesClientImpl(KEY, SECRET, simulator.baseUrl(Exchange.BINANCE_USDM));
  }

  /** The library signs every attempt and looks orders in doubt up; waits run on the simulator's clock. */
  private static UnaryOperator<ExchangeResilienceInterceptor.Builder> signedByTheLibrary(ManualClock clock) {
    ExchangeSigning signing = ExchangeSigning.forExchange(Exchange.BINANCE_USDM,
        CredentialsProvider.of(Credentials.of(KEY, SECRET)));
    return builder -> signing.configure(builder).clock(clock).sleeper(clock::advance);
  }

  @AfterEach
  void stop() {
    BinanceConnectorInstaller.uninstall();
    assertThat(BinanceConnectorInstaller.isInstalled()).isFalse();
    if (simulator != null) {
      simulator.close();
    }
  }

  /** The demo's Binance order, through the connector's own "New Order" call. */
  private String order(String clientOrderId) {
    LinkedHashMap<String, Object> parameters = new LinkedHashMap<>(ExchangeRequests.order(Exchange.BINANCE_USDM,
        "0.010"));
    parameters.put("newClientOrderId", clientOrderId);
    return connector.account().newOrder(parameters);
  }

  @Test
  void anOrderPlacedThroughTheConnectorIsPlacedOnce() {
    start(config -> config, signedByTheLibrary(clock));

    String answer = order("sdk-1");

    assertThat(answer).contains("\"clientOrderId\":\"sdk-1\"", "\"status\":\"NEW\"");
    assertThat(simulator.orders(Exchange.BINANCE_USDM)).singleElement()
        .satisfies(order -> assertThat(order.clientOrderId()).isEqualTo("sdk-1"));
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(1);
    assertThat(last.failure()).isEmpty();
  }

  @Test
  void aRateLimitWithRetryAfterIsWaitedOutAndTheOrderResentFreshlySigned() {
    start(config -> config.rateLimit(RateLimitRule.BINANCE_REQUEST_WEIGHT, 1), signedByTheLibrary(clock));
    order("sdk-2");

    String answer = order("sdk-3");

    assertThat(answer).contains("\"clientOrderId\":\"sdk-3\"");
    assertThat(simulator.stats(Exchange.BINANCE_USDM).rateLimitRefusals()).isEqualTo(1);
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(3);
    assertThat(simulator.orders(Exchange.BINANCE_USDM)).hasSize(2);
    assertThat(clock.instant()).isEqualTo(Instant.parse("2025-01-01T00:01:00Z"));
  }

  @Test
  void aRateLimitLongerThanTheConnectorsReceiveWindowEndsTheCallInsteadOfResendingItsStaleSignature() {
    // The connector signs (recvWindow 5000 by default); the interceptor has no signer, so it cannot re-sign.
    start(config -> config.rateLimit(RateLimitRule.BINANCE_REQUEST_WEIGHT, 1),
        builder -> builder.clock(Clock.systemUTC()).sleeper(clock::advance));
    order("sdk-4");

    assertThatThrownBy(() -> order("sdk-5"))
        .isInstanceOf(BinanceConnectorException.class)
        .hasMessageContaining("signed outside the interceptor; expired while waiting")
        .hasMessageContaining("not resent");

    assertThat(last.failure()).get().isInstanceOfSatisfying(SignatureExpiredException.class, expired -> {
      assertThat(expired.code()).contains("-1003");
      assertThat(expired.clientOrderId()).contains("sdk-5");
    });
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(2);
    assertThat(simulator.order(Exchange.BINANCE_USDM, "sdk-5")).isEmpty();
  }

  @Test
  void aRefusedKeyReachesTheConnectorsOwnTypedExceptionWithItsCode() {
    start(config -> config, builder -> builder.handBackAnswers(true));
    simulator.scriptPlacements(Exchange.BINANCE_USDM, FaultKind.AUTH_REJECTED);

    assertThatThrownBy(() -> order("sdk-6"))
        .isInstanceOfSatisfying(BinanceClientException.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(-2015);
          assertThat(e.getHttpStatusCode()).isEqualTo(401);
        });
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(1);
  }

  @Test
  void withoutHandingAnswersBackTheRefusalIsTheInterceptorsAfterTheConnectorWrappedIt() {
    start(config -> config, builder -> builder);
    simulator.scriptPlacements(Exchange.BINANCE_USDM, FaultKind.AUTH_REJECTED);

    assertThatThrownBy(() -> order("sdk-7")).isInstanceOf(BinanceConnectorException.class)
        .hasMessageContaining("-2015");
    assertThat(last.exchangeFailure()).get().isInstanceOfSatisfying(ExchangeErrorException.class,
        e -> assertThat(e.code()).contains("-2015"));
  }

  @Test
  void anOrderInDoubtIsFoundByTheReconcilerAndHandedToTheConnectorAsPlaced() {
    start(config -> config, signedByTheLibrary(clock));
    simulator.scriptPlacements(Exchange.BINANCE_USDM, FaultKind.TIMEOUT_PLACED);

    String answer = order("sdk-8");

    assertThat(answer).contains("\"clientOrderId\":\"sdk-8\"", "\"orderId\":");
    assertThat(simulator.orders(Exchange.BINANCE_USDM)).hasSize(1);
    // The placement (answered -1007), then the lookup; never a second placement.
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(2);
    assertThat(simulator.duplicateAttempts(Exchange.BINANCE_USDM)).isZero();
  }

  @Test
  void withoutAReconcilerAnOrderInDoubtIsNotResentAndItsClientOrderIdIsKept() {
    start(config -> config, builder -> builder);
    simulator.scriptPlacements(Exchange.BINANCE_USDM, FaultKind.TIMEOUT_PLACED);

    assertThatThrownBy(() -> order("sdk-9")).isInstanceOf(BinanceConnectorException.class)
        .hasMessageContaining("execution status unknown");

    assertThat(last.failure()).get().isInstanceOfSatisfying(ExecutionUnknownException.class,
        unknown -> assertThat(unknown.clientOrderId()).contains("sdk-9"));
    assertThat(simulator.stats(Exchange.BINANCE_USDM).requests()).isEqualTo(1);
    assertThat(simulator.order(Exchange.BINANCE_USDM, "sdk-9")).isPresent();
  }

  @Test
  void theInstallerNamesTheVersionItFoundAndTheHookItUses() {
    assertThat(BinanceConnectorInstaller.connectorVersion()).isEqualTo("3.0.4");
    assertThat(BinanceConnectorInstaller.TESTED_VERSIONS).contains(BinanceConnectorInstaller.connectorVersion());
    start(config -> config, builder -> builder);
    OkHttpClient again = BinanceConnectorInstaller.install(ExchangeResilienceInterceptor.builder(Exchange.BINANCE_USDM)
        .build());
    assertThat(again.interceptors()).hasSize(1).allMatch(ExchangeResilienceInterceptor.class::isInstance);
  }
}
