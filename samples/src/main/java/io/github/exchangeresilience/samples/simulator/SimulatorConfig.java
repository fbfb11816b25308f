package io.github.exchangeresilience.samples.simulator;

import io.github.exchangeresilience.catalog.Exchange;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable settings of an {@link ExchangeSimulator}: the seed, the fault probabilities per exchange and kind, the rate
 * budgets, the ban rules and the clock. Built with {@link #builder()}; {@link #defaults()} injects no fault and enforces
 * the documented budgets.
 *
 * <p>The same config (same seed) and the same sequence of requests per exchange give the same answers: each exchange
 * draws from its own {@link java.util.Random} seeded from {@link #seed()}, so traffic on one exchange never shifts the
 * draws of another.
 */
public final class SimulatorConfig {
  private final long seed;
  private final Clock clock;
  private final Map<Exchange, Map<FaultKind, Double>> faultRates;
  private final Map<Exchange, Map<WebSocketFault, Double>> webSocketFaultRates;
  private final boolean faultsOnReads;
  private final Duration slowResponseDelay;
  private final Map<RateLimitRule, Integer> permits;
  private final int binanceRefusalsBeforeBan;
  private final Duration binanceBanDuration;
  private final Duration bybitIpBanDuration;
  private final int okxRateLimitStatus;
  private final int basePort;

  private SimulatorConfig(Builder builder) {
    this.seed = builder.seed;
    this.clock = builder.clock;
    EnumMap<Exchange, Map<FaultKind, Double>> rates = new EnumMap<>(Exchange.class);
    builder.faultRates.forEach((exchange, kinds) -> rates.put(exchange, Collections.unmodifiableMap(new EnumMap<>(kinds))));
    this.faultRates = Collections.unmodifiableMap(rates);
    EnumMap<Exchange, Map<WebSocketFault, Double>> socketRates = new EnumMap<>(Exchange.class);
    builder.webSocketFaultRates.forEach((exchange, kinds) ->
        socketRates.put(exchange, Collections.unmodifiableMap(new EnumMap<>(kinds))));
    this.webSocketFaultRates = Collections.unmodifiableMap(socketRates);
    this.faultsOnReads = builder.faultsOnReads;
    this.slowResponseDelay = builder.slowResponseDelay;
    this.permits = Collections.unmodifiableMap(new EnumMap<>(builder.permits));
    this.binanceRefusalsBeforeBan = builder.binanceRefusalsBeforeBan;
    this.binanceBanDuration = builder.binanceBanDuration;
    this.bybitIpBanDuration = builder.bybitIpBanDuration;
    this.okxRateLimitStatus = builder.okxRateLimitStatus;
    this.basePort = builder.basePort;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Seed 0, the system clock, no faults, the documented budgets. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder holding this config's values, to derive a variant. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.seed = seed;
    builder.clock = clock;
    faultRates.forEach((exchange, kinds) -> builder.faultRates.get(exchange).putAll(kinds));
    webSocketFaultRates.forEach((exchange, kinds) -> builder.webSocketFaultRates.get(exchange).putAll(kinds));
    builder.faultsOnReads = faultsOnReads;
    builder.slowResponseDelay = slowResponseDelay;
    builder.permits.putAll(permits);
    builder.binanceRefusalsBeforeBan = binanceRefusalsBeforeBan;
    builder.binanceBanDuration = binanceBanDuration;
    builder.bybitIpBanDuration = bybitIpBanDuration;
    builder.okxRateLimitStatus = okxRateLimitStatus;
    builder.basePort = basePort;
    return builder;
  }

  public long seed() {
    return seed;
  }

  /** The simulator's clock: server times, order timestamps, rate-limit windows and bans all read it. */
  public Clock clock() {
    return clock;
  }

  /** The probability of {@code kind} on one placement request (one order item for per-item kinds), 0 if unset. */
  public double faultRate(Exchange exchange, FaultKind kind) {
    return faultRates.get(exchange).getOrDefault(kind, 0.0);
  }

  /** The probability of {@code kind} on one order frame (one login for a login fault), 0 if unset. */
  public double webSocketFaultRate(Exchange exchange, WebSocketFault kind) {
    return webSocketFaultRates.get(exchange).getOrDefault(kind, 0.0);
  }

  /** Whether order lookups and time requests also draw the faults that {@link FaultKind#appliesToReads() apply}. */
  public boolean faultsOnReads() {
    return faultsOnReads;
  }

  /** How long a {@link FaultKind#SLOW_RESPONSE} holds its answer back; set it above the client's read timeout. */
  public Duration slowResponseDelay() {
    return slowResponseDelay;
  }

  /** The budget of {@code rule} per window. */
  public int permits(RateLimitRule rule) {
    return permits.getOrDefault(rule, rule.defaultPermits());
  }

  /** How many requests a Binance client may send while refused in a window before it is banned with HTTP 418. */
  public int binanceRefusalsBeforeBan() {
    return binanceRefusalsBeforeBan;
  }

  public Duration binanceBanDuration() {
    return binanceBanDuration;
  }

  public Duration bybitIpBanDuration() {
    return bybitIpBanDuration;
  }

  /** The HTTP status of OKX's 50011 answer: 429 as documented, or 200 as some gateways send it. */
  public int okxRateLimitStatus() {
    return okxRateLimitStatus;
  }

  /** The first of four consecutive loopback ports (in {@link Exchange} order), or 0 for ephemeral ports. */
  public int basePort() {
    return basePort;
  }

  /** Builds a {@link SimulatorConfig}; every setter validates at once, and {@link #build()} checks the totals. */
  public static final class Builder {
    private long seed;
    private Clock clock = Clock.systemUTC();
    private final Map<Exchange, Map<FaultKind, Double>> faultRates = new EnumMap<>(Exchange.class);
    private final Map<Exchange, Map<WebSocketFault, Double>> webSocketFaultRates = new EnumMap<>(Exchange.class);
    private boolean faultsOnReads;
    private Duration slowResponseDelay = Duration.ofSeconds(15);
    private final Map<RateLimitRule, Integer> permits = new EnumMap<>(RateLimitRule.class);
    private int binanceRefusalsBeforeBan = 3;
    // Binance bans for 2 minutes at first and longer for repeat offenders; the first step is the useful default.
    private Duration binanceBanDuration = Duration.ofMinutes(2);
    private Duration bybitIpBanDuration = Duration.ofMinutes(10);
    private int okxRateLimitStatus = 429;
    private int basePort;

    private Builder() {
      for (Exchange exchange : Exchange.values()) {
        faultRates.put(exchange, new EnumMap<>(FaultKind.class));
        webSocketFaultRates.put(exchange, new EnumMap<>(WebSocketFault.class));
      }
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the probability of {@code kind} on every exchange that has that answer. */
    public Builder fault(FaultKind kind, double probability) {
      for (Exchange exchange : Exchange.values()) {
        if (kind.supportedBy(exchange)) {
          fault(exchange, kind, probability);
        }
      }
      return this;
    }

    /** Sets the probability of {@code kind} on one exchange. */
    public Builder fault(Exchange exchange, FaultKind kind, double probability) {
      Objects.requireNonNull(exchange, "exchange");
      if (!kind.supportedBy(exchange)) {
        throw new IllegalArgumentException(exchange + " has no " + kind + " answer");
      }
      if (!(probability >= 0.0 && probability <= 1.0)) {
        throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
      }
      faultRates.get(exchange).put(kind, probability);
      return this;
    }

    /** Sets the probability of a WebSocket fault on every exchange that can have it. */
    public Builder webSocketFault(WebSocketFault kind, double probability) {
      if (!(probability >= 0.0 && probability <= 1.0)) {
        throw new IllegalArgumentException("probability must be in [0, 1]: " + probability);
      }
      for (Exchange exchange : Exchange.values()) {
        if (kind.supportedBy(exchange)) {
          webSocketFaultRates.get(exchange).put(kind, probability);
        }
      }
      return this;
    }

    public Builder faultsOnReads(boolean faultsOnReads) {
      this.faultsOnReads = faultsOnReads;
      return this;
    }

    public Builder slowResponseDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative");
      }
      this.slowResponseDelay = delay;
      return this;
    }

    /** Sets the budget of {@code rule} per its documented window. */
    public Builder rateLimit(RateLimitRule rule, int permits) {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1: " + permits);
      }
      this.permits.put(rule, permits);
      return this;
    }

    public Builder binanceRefusalsBeforeBan(int requests) {
      if (requests < 0) {
        throw new IllegalArgumentException("requests must not be negative");
      }
      this.binanceRefusalsBeforeBan = requests;
      return this;
    }

    public Builder binanceBanDuration(Duration duration) {
      this.binanceBanDuration = positive(duration);
      return this;
    }

    public Builder bybitIpBanDuration(Duration duration) {
      this.bybitIpBanDuration = positive(duration);
      return this;
    }

    public Builder okxRateLimitStatus(int status) {
      if (status != 429 && status != 200) {
        throw new IllegalArgumentException("OKX answers 50011 with HTTP 429 or 200, not " + status);
      }
      this.okxRateLimitStatus = status;
      return this;
    }

    public Builder basePort(int basePort) {
      if (basePort != 0 && (basePort < 1024 || basePort > 65535 - Exchange.values().length)) {
        throw new IllegalArgumentException("basePort out of range: " + basePort);
      }
      this.basePort = basePort;
      return this;
    }

    /**
     * Builds the config.
     *
     * @throws IllegalArgumentException if the request-level probabilities of one exchange add up to more than 1: one
     *     draw per request picks at most one fault, so they are exclusive
     */
    public SimulatorConfig build() {
      faultRates.forEach((exchange, kinds) -> {
        double total = kinds.entrySet().stream().filter(e -> !e.getKey().perItem()).mapToDouble(Map.Entry::getValue).sum();
        if (total > 1.0 + 1e-9) {
          throw new IllegalArgumentException("fault probabilities of " + exchange + " add up to " + total + " > 1");
        }
      });
      webSocketFaultRates.forEach((exchange, kinds) -> {
        for (boolean login : new boolean[] {false, true}) {
          double total = kinds.entrySet().stream().filter(e -> e.getKey().isLogin() == login)
              .mapToDouble(Map.Entry::getValue).sum();
          if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("WebSocket fault probabilities of " + exchange + " add up to " + total);
          }
        }
      });
      return new SimulatorConfig(this);
    }

    private static Duration positive(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("duration must be positive: " + duration);
      }
      return duration;
    }
  }
}
