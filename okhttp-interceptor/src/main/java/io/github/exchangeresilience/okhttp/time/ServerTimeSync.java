package io.github.exchangeresilience.okhttp.time;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.InterceptorAware;
import io.github.exchangeresilience.okhttp.Sleeper;
import io.github.exchangeresilience.okhttp.TimeSync;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Keeps the offset between the local clock and the exchange's, and refreshes it from the exchange's server time after
 * a CLOCK_SKEW answer, before the interceptor's one resend. Signers read {@link #clock()}: the local clock moved by
 * the offset, so that the resend carries a corrected timestamp.
 *
 * <p>The server time is fetched from the host requests were last sent to ({@link #observe(HttpUrl)}), or the
 * exchange's production host before any, through a client holding the interceptor this time sync is attached to, so
 * that the fetch counts against the same rate budgets and respects the same bans. The offset is corrected by half the
 * round trip. A failed fetch keeps the previous offset: the resend then goes out as it would have without a resync.
 */
public final class ServerTimeSync implements TimeSync, InterceptorAware {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_BODY = 16 * 1024;

  private final Exchange exchange;
  private final OkHttpClient baseClient;
  private final AtomicLong offsetMillis = new AtomicLong();
  private final ThreadLocal<Boolean> syncing = ThreadLocal.withInitial(() -> false);
  private final ExchangeClock exchangeClock = new ExchangeClock();
  private volatile Clock localClock = Clock.systemUTC();
  private volatile HttpUrl baseUrl;
  private volatile OkHttpClient client;
  private volatile ExchangeResilienceInterceptor attachedTo;

  private ServerTimeSync(Exchange exchange, OkHttpClient baseClient) {
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.baseClient = Objects.requireNonNull(baseClient, "baseClient");
    this.baseUrl = defaultBaseUrl(exchange);
  }

  /** A time sync for {@code exchange} that fetches the server time through a client of its own. */
  public static ServerTimeSync forExchange(Exchange exchange) {
    return new ServerTimeSync(exchange, new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
  }

  /**
   * A time sync whose fetches go through {@code baseClient} (its connection pool, proxy, timeouts) with the attached
   * interceptor added, unless {@code baseClient} holds it already.
   */
  public static ServerTimeSync forExchange(Exchange exchange, OkHttpClient baseClient) {
    return new ServerTimeSync(exchange, baseClient);
  }

  public Exchange exchange() {
    return exchange;
  }

  /** The exchange's time as this process knows it: the interceptor's clock moved by {@link #offset()}. */
  public Clock clock() {
    return exchangeClock;
  }

  /** How far the exchange's clock is ahead of the local one; zero until the first resync. */
  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  /** Notes the host a request goes to: the server time is fetched from the last one noted. */
  public void observe(HttpUrl requestUrl) {
    HttpUrl root = requestUrl.newBuilder().encodedPath("/").query(null).fragment(null).build();
    if (!root.equals(baseUrl)) {
      baseUrl = root;
    }
  }

  @Override
  public void attach(ExchangeResilienceInterceptor interceptor, Clock clock, Sleeper sleeper) {
    ExchangeResilienceInterceptor current = attachedTo;
    if (current == interceptor) {
      return;
    }
    if (current != null) {
      throw new IllegalStateException("this time sync is attached to another interceptor already");
    }
    attachedTo = interceptor;
    localClock = Objects.requireNonNull(clock, "clock");
    client = baseClient.interceptors().contains(interceptor)
        ? baseClient
        : baseClient.newBuilder().addInterceptor(interceptor).build();
  }

  @Override
  public void resync(Exchange exchange) {
    if (exchange != this.exchange || syncing.get()) {
      // Another exchange's clock, or a resync asked for by the time request itself: nothing to do.
      return;
    }
    syncing.set(true);
    try {
      fetchOffset().ifPresent(offsetMillis::set);
    } finally {
      syncing.set(false);
    }
  }

  /** The offset measured now, or empty if the server time could not be had. */
  private OptionalLong fetchOffset() {
    OkHttpClient http = client != null ? client : baseClient;
    Request request = new Request.Builder().url(baseUrl.resolve(timePath(exchange))).get().build();
    long sentAt = localClock.millis();
    byte[] body;
    try (Response response = http.newCall(request).execute()) {
      ResponseBody responseBody = response.body();
      if (!response.isSuccessful() || responseBody == null) {
        return OptionalLong.empty();
      }
      body = response.peekBody(MAX_BODY).bytes();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
    long receivedAt = localClock.millis();
    OptionalLong serverTime = parseServerTime(exchange, body);
    if (serverTime.isEmpty()) {
      return OptionalLong.empty();
    }
    long midpoint = sentAt + (receivedAt - sentAt) / 2;
    return OptionalLong.of(serverTime.getAsLong() - midpoint);
  }

  static String timePath(Exchange exchange) {
    return switch (exchange) {
      case BINANCE_USDM -> "/fapi/v1/time";
      case OKX -> "/api/v5/public/time";
      case BYBIT -> "/v5/market/time";
      case BITGET -> "/api/v2/public/time";
    };
  }

  private static HttpUrl defaultBaseUrl(Exchange exchange) {
    return HttpUrl.get(switch (exchange) {
      case BINANCE_USDM -> "https://fapi.binance.com/";
      case OKX -> "https://www.okx.com/";
      case BYBIT -> "https://api.bybit.com/";
      case BITGET -> "https://api.bitget.com/";
    });
  }

  /**
   * The server time in the exchange's documented answer: Binance {@code {"serverTime":ms}}, OKX
   * {@code {"code":"0","data":[{"ts":"ms"}]}}, Bybit {@code {"result":{"timeSecond":"s","timeNano":"ns"},"time":ms}}
   * (the nanoseconds when present), Bitget {@code {"code":"00000","data":{"serverTime":"ms"}}}.
   */
  static OptionalLong parseServerTime(Exchange exchange, byte[] json) {
    try (JsonParser parser = JSON.createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return OptionalLong.empty();
      }
      Long millis = null;
      Long nanos = null;
      int depth = 1;
      String parent = null;
      while (depth > 0) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          break;
        }
        switch (token) {
          case START_OBJECT, START_ARRAY -> {
            if (depth == 1) {
              parent = parser.currentName();
            }
            depth++;
          }
          case END_OBJECT, END_ARRAY -> depth--;
          case VALUE_STRING, VALUE_NUMBER_INT -> {
            String name = parser.currentName();
            String text = parser.getText();
            switch (exchange) {
              case BINANCE_USDM -> {
                if (depth == 1 && "serverTime".equals(name)) {
                  millis = parseLong(text);
                }
              }
              case OKX -> {
                if (depth == 3 && "data".equals(parent) && "ts".equals(name) && millis == null) {
                  millis = parseLong(text);
                }
              }
              case BYBIT -> {
                if (depth == 2 && "result".equals(parent) && "timeNano".equals(name)) {
                  nanos = parseLong(text);
                } else if (depth == 1 && "time".equals(name)) {
                  millis = parseLong(text);
                }
              }
              case BITGET -> {
                if (depth == 2 && "data".equals(parent) && "serverTime".equals(name)) {
                  millis = parseLong(text);
                }
              }
            }
          }
          default -> { }
        }
      }
      if (nanos != null) {
        return OptionalLong.of(nanos / 1_000_000);
      }
      return millis != null ? OptionalLong.of(millis) : OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }

  private static Long parseLong(String text) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "ServerTimeSync{" + exchange.id() + ", offset=" + offset() + "}";
  }

  /** The local clock moved by the offset. */
  private final class ExchangeClock extends Clock {
    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      // The instant does not depend on the zone; the offset is read live only through clock() itself.
      return zone.equals(ZoneOffset.UTC) ? this : Clock.offset(localClock.withZone(zone), ServerTimeSync.this.offset());
    }

    @Override
    public Instant instant() {
      return localClock.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public long millis() {
      return localClock.millis() + offsetMillis.get();
    }

    @Override
    public String toString() {
      return "ExchangeClock{" + exchange.id() + ", offset=" + ServerTimeSync.this.offset() + "}";
    }
  }
}
