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
import io.github.exchangeresilience.exchange.ServerTime;
import java.util.List;
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
 * <p>The server time is fetched, from the endpoint the exchange's specification names, on the host requests were last
 * sent to ({@link #observe(HttpUrl)}), or the exchange's first live host before any, through a client holding the interceptor this time sync is attached to, so
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
    this.baseUrl = HttpUrl.get(exchange.spec().hosts().defaultBaseUrl());
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
    if (attachedTo == interceptor) {
      return;
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
    Request request = new Request.Builder().url(baseUrl.resolve(exchange.spec().serverTime().path())).get().build();
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

  /**
   * The server time in the exchange's documented answer, where its specification says it is: the first of its time
   * fields present (Bybit's nanoseconds before its milliseconds), an array on the way entered at its first element.
   */
  static OptionalLong parseServerTime(Exchange exchange, byte[] json) {
    for (ServerTime.Field field : exchange.spec().serverTime().fields()) {
      Long value = valueAt(json, field.jsonPath());
      if (value != null) {
        return OptionalLong.of(field.unit().toMillis(value));
      }
    }
    return OptionalLong.empty();
  }

  /** The number, or number as text, at {@code path}; {@code null} if there is none. */
  private static Long valueAt(byte[] json, List<String> path) {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken token = parser.nextToken();
      for (int level = 0; level < path.size(); level++) {
        while (token == JsonToken.START_ARRAY) {
          token = parser.nextToken(); // the first element
        }
        if (token != JsonToken.START_OBJECT) {
          return null;
        }
        token = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (name.equals(path.get(level))) {
            token = value;
            break;
          }
          parser.skipChildren();
        }
        if (token == null) {
          return null;
        }
      }
      return token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT ? parseLong(parser.getText()) : null;
    } catch (IOException | RuntimeException e) {
      return null;
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
