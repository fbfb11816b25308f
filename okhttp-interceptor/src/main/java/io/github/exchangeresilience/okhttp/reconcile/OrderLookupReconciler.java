package io.github.exchangeresilience.okhttp.reconcile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.decode.DecodedResponse;
import io.github.exchangeresilience.decode.ResponseDecoder;
import io.github.exchangeresilience.decode.ResponseSnapshot;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.OrderLookup;
import io.github.exchangeresilience.okhttp.ExchangeException;
import io.github.exchangeresilience.okhttp.ExchangeRequest;
import io.github.exchangeresilience.okhttp.ExchangeResilienceInterceptor;
import io.github.exchangeresilience.okhttp.InterceptorAware;
import io.github.exchangeresilience.okhttp.ReconcileLookup;
import io.github.exchangeresilience.okhttp.ReconcileRequest;
import io.github.exchangeresilience.okhttp.ReconcileResult;
import io.github.exchangeresilience.okhttp.Reconciler;
import io.github.exchangeresilience.okhttp.Sleeper;
import io.github.exchangeresilience.okhttp.internal.OkHttpHeaders;
import io.github.resilience4j.core.IntervalFunction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Finds out whether an order in doubt exists by looking it up by its client order id, on the host the order was sent
 * to, with the lookups its exchange's specification documents ({@code Lookups}: Binance's "Query Order", OKX's "Get
 * order details", Bybit's open orders then order history, Bitget's futures or spot order detail), their parameters
 * taken from the order in doubt.
 *
 * <p>An order the exchange knows, open, filled, cancelled or expired, is FOUND, and the application receives it in the
 * shape of the placement's own answer, as the specification writes it ({@code PlacementAnswer}: OKX
 * {@code data[].ordId/clOrdId/sCode}, Bybit {@code result.orderId/orderLinkId}, Bitget {@code data.orderId/clientOid};
 * Binance's lookup answers with the order object its placement does), marked
 * {@link io.github.exchangeresilience.okhttp.ReconcileResult#RECONCILED_HEADER}. An order may be invisible for a moment after it is placed, so "does not exist" (a not-found code
 * of the specification, or an empty result where it names one) is asked again with backoff, on the interceptor's
 * sleeper, before the answer is NOT_EXECUTED. With an {@link Builder#orderExpiry order expiry} (OKX {@code expTime}),
 * NOT_EXECUTED is only answered once every attempt's expiry has passed. Anything else, an I/O failure, a ban, a
 * rate limit, an unexpected answer or an order that names no client id, is UNRESOLVED: never NOT_EXECUTED on doubt.
 *
 * <p>Lookups go through a client holding the interceptor this reconciler is attached to, so they draw on the same
 * rate budgets and stop at the same bans; marked as {@link ReconcileLookup}s, an open breaker does not stop them. They
 * are GETs, which the interceptor never reconciles, and are signed there by the interceptor's signer: an interceptor
 * without one ({@code ExchangeSigning}, or {@code .signer(...)}) refuses to build with this reconciler.
 */
public final class OrderLookupReconciler implements Reconciler, InterceptorAware {
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final int MAX_BODY = 256 * 1024;
  /** How long after an order's expiry a lookup is still made, for the distance between the two clocks. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(1);

  private final Exchange exchange;
  private final int lookups;
  private final IntervalFunction backoff;
  private final Duration orderExpiry;
  private final OkHttpClient baseClient;
  private final Clock exchangeClock;
  private final ExchangeSpec spec;
  private final ResponseDecoder decoder;
  private final Set<String> notFoundCodes;
  private volatile OkHttpClient client;
  private volatile Sleeper sleeper = Sleeper.SYSTEM;
  private volatile Clock localClock = Clock.systemUTC();
  private volatile ExchangeResilienceInterceptor attachedTo;

  private enum Found { YES, NO, DOUBT }

  private record Lookup(Found found, Response response, byte[] body) {
    Lookup(Found found) {
      this(found, null, null);
    }
  }

  private OrderLookupReconciler(Builder builder) {
    this.exchange = builder.exchange;
    this.lookups = builder.lookups;
    this.backoff = builder.backoff;
    this.orderExpiry = builder.orderExpiry;
    this.baseClient = builder.client != null
        ? builder.client
        : new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
    this.exchangeClock = builder.clock;
    this.spec = exchange.spec();
    this.decoder = ResponseDecoder.of(exchange, ErrorCatalog.builtIn());
    this.notFoundCodes = spec.lookups().notFoundCodes();
  }

  public static Builder builder(Exchange exchange) {
    return new Builder(exchange);
  }

  @Override
  public void attach(ExchangeResilienceInterceptor interceptor, Clock clock, Sleeper sleeper) {
    if (attachedTo == interceptor) {
      return;
    }
    if (!interceptor.signsRequests()) {
      throw new IllegalStateException("OrderLookupReconciler for " + exchange.id() + ": its order lookups must be"
          + " signed, and this interceptor signs nothing (the exchange refuses an unsigned lookup). Either let the"
          + " library hold the credentials: ExchangeSigning.forExchange(Exchange." + exchange.name()
          + ", credentials).configure(ExchangeResilienceInterceptor.builder(Exchange." + exchange.name() + ")), which"
          + " signs every request and brings this reconciler; or give the interceptor a signer:"
          + " .signer(yourRequestSigner)");
    }
    attachedTo = interceptor;
    this.localClock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.client = baseClient.interceptors().contains(interceptor)
        ? baseClient
        : baseClient.newBuilder().addInterceptor(interceptor).build();
  }

  @Override
  public ReconcileResult reconcile(ReconcileRequest request) throws IOException {
    String clientOrderId = request.clientOrderId();
    if (clientOrderId == null || request.exchange() != exchange) {
      return ReconcileResult.unresolved();
    }
    Clock clock = exchangeClock != null ? exchangeClock : localClock;
    // Every attempt of this call was signed before now, so its expiry is before now + the expiry window.
    long deadline = orderExpiry == null ? Long.MIN_VALUE
        : clock.millis() + orderExpiry.toMillis() + EXPIRY_MARGIN.toMillis();
    List<Request> queries = lookups(spec, request.request(), clientOrderId);
    if (queries.isEmpty()) {
      return ReconcileResult.unresolved();
    }
    boolean singlePlacement = request.request().isSinglePlacement();
    for (int round = 1; ; round++) {
      for (Request query : queries) {
        Lookup lookup = lookUp(query);
        if (lookup.found() == Found.YES) {
          // Handed back as the placement's own answer would have been, so that the application (or its SDK) parses
          // it as one; a batch item's lookup is only counted.
          return ReconcileResult.found(singlePlacement
              ? FoundOrders.asPlacementAnswer(spec, lookup.response(), lookup.body()) : lookup.response());
        }
        if (lookup.found() == Found.DOUBT) {
          return ReconcileResult.unresolved();
        }
      }
      long now = clock.millis();
      if (round >= lookups && now > deadline) {
        return ReconcileResult.notExecuted();
      }
      Duration wait = Duration.ofMillis(backoff.apply(Math.min(round, lookups)));
      if (round >= lookups) {
        // Looked often enough, but an attempt may still be within its expiry: wait for it to pass, then once more.
        wait = Duration.ofMillis(deadline - now + 1);
      }
      sleeper.sleep(wait);
    }
  }

  private Lookup lookUp(Request query) {
    OkHttpClient http = client != null ? client : baseClient;
    Response response;
    try {
      response = http.newCall(query).execute();
    } catch (ExchangeException e) {
      // With throwOnError the interceptor throws the exchange's refusal: "does not exist" is still an answer.
      return new Lookup(e.code().filter(notFoundCodes::contains).isPresent() ? Found.NO : Found.DOUBT);
    } catch (IOException | RuntimeException e) {
      return new Lookup(Found.DOUBT);
    }
    try {
      byte[] body = response.peekBody(MAX_BODY).bytes();
      DecodedResponse decoded = decoder.decode(ResponseSnapshot.builder()
          .httpStatus(response.code())
          .headers(OkHttpHeaders.of(response.headers()))
          .contentType(response.header("Content-Type"))
          .body(body, body.length < MAX_BODY)
          .build());
      if (decoded.code().filter(notFoundCodes::contains).isPresent()) {
        response.close();
        return new Lookup(Found.NO);
      }
      if (!decoded.policyClass().isSuccess() || !response.isSuccessful()) {
        response.close();
        return new Lookup(Found.DOUBT);
      }
      if (isEmpty(spec, body)) {
        response.close();
        return new Lookup(Found.NO);
      }
      return new Lookup(Found.YES, response, body);
    } catch (IOException | RuntimeException e) {
      response.close();
      return new Lookup(Found.DOUBT);
    }
  }

  @Override
  public String toString() {
    return "OrderLookupReconciler{" + exchange.id() + ", lookups=" + lookups
        + (orderExpiry == null ? "" : ", orderExpiry=" + orderExpiry) + "}";
  }

  /** Configures an {@link OrderLookupReconciler}. */
  public static final class Builder {
    private final Exchange exchange;
    private int lookups = 4;
    private IntervalFunction backoff = IntervalFunction.ofExponentialBackoff(Duration.ofMillis(250), 2.0,
        Duration.ofSeconds(2));
    private Duration orderExpiry;
    private OkHttpClient client;
    private Clock clock;

    private Builder(Exchange exchange) {
      this.exchange = Objects.requireNonNull(exchange, "exchange");
    }

    /** Rounds of lookups before "does not exist" is taken for NOT_EXECUTED; 4 by default. */
    public Builder lookups(int lookups) {
      if (lookups < 1) {
        throw new IllegalArgumentException("at least one lookup is needed: " + lookups);
      }
      this.lookups = lookups;
      return this;
    }

    /** The wait before each further round; exponential from 250 ms, doubling, at most 2 s by default. */
    public Builder backoff(IntervalFunction backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * OKX: the order requests carry {@code expTime} this far after their signing time, so "does not exist" is
     * certain once it has passed; NOT_EXECUTED is held back until then. Off by default.
     */
    public Builder orderExpiry(Duration orderExpiry) {
      if (orderExpiry != null && (orderExpiry.isNegative() || orderExpiry.isZero())) {
        throw new IllegalArgumentException("orderExpiry must be positive: " + orderExpiry);
      }
      this.orderExpiry = orderExpiry;
      return this;
    }

    /**
     * The client lookups are made with, its pool, proxy and timeouts; the interceptor is added to it unless it holds
     * it already. A client of its own by default.
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The exchange's clock, to tell when an order's expiry has passed; the interceptor's clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public OrderLookupReconciler build() {
      return new OrderLookupReconciler(this);
    }
  }

  /** Whether the JSON at {@code path} in {@code body} is missing, null, or an empty array or object. */
  static boolean emptyAt(byte[] body, String... path) {
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return true;
      }
      int level = 0;
      while (level < path.length) {
        JsonToken token = parser.nextToken();
        if (token == null || token == JsonToken.END_OBJECT) {
          return true;
        }
        if (token != JsonToken.FIELD_NAME) {
          return true;
        }
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!path[level].equals(name)) {
          parser.skipChildren();
          continue;
        }
        level++;
        if (level == path.length) {
          return switch (value) {
            case START_ARRAY -> parser.nextToken() == JsonToken.END_ARRAY;
            case START_OBJECT -> parser.nextToken() == JsonToken.END_OBJECT;
            case VALUE_NULL -> true;
            case VALUE_STRING -> parser.getText().isEmpty();
            default -> false;
          };
        }
        if (value != JsonToken.START_OBJECT) {
          return true;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /** A successful answer that holds no order: an empty result where the specification names one. */
  static boolean isEmpty(ExchangeSpec spec, byte[] body) {
    List<String> path = spec.lookups().emptyResultPath();
    return !path.isEmpty() && emptyAt(body, path.toArray(new String[0]));
  }

  /**
   * The specification's lookups that apply to the order's placement, built on its scheme, host and port; a lookup
   * missing a parameter it requires is left out.
   */
  static List<Request> lookups(ExchangeSpec spec, ExchangeRequest original, String clientOrderId) {
    HttpUrl base = original.url().newBuilder().encodedPath("/").query(null).fragment(null).build();
    OrderFields fields = OrderFields.of(original, clientOrderId);
    List<Request> queries = new ArrayList<>();
    lookups:
    for (OrderLookup lookup : spec.lookups().queries()) {
      if (!lookup.appliesTo(original.path())) {
        continue;
      }
      HttpUrl.Builder url = base.newBuilder().encodedPath(lookup.path());
      for (OrderLookup.Parameter parameter : lookup.parameters()) {
        String value = parameter.orderField() == null ? clientOrderId : fields.get(parameter.orderField());
        if (value == null && parameter.required()) {
          continue lookups;
        }
        if (value != null) {
          url.addQueryParameter(parameter.name(), value);
        }
      }
      // Marked as a reconcile lookup: paced and stopped by bans like any call, but not by an open breaker.
      queries.add(ReconcileLookup.mark(new Request.Builder().url(url.build()).get().build()));
    }
    return queries;
  }
}
