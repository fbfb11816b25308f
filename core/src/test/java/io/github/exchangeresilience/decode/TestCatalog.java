package io.github.exchangeresilience.decode;

import static io.github.exchangeresilience.catalog.PolicyClass.ACCOUNT_RESTRICTED;
import static io.github.exchangeresilience.catalog.PolicyClass.AUTH;
import static io.github.exchangeresilience.catalog.PolicyClass.CLOCK_SKEW;
import static io.github.exchangeresilience.catalog.PolicyClass.EXECUTION_UNKNOWN;
import static io.github.exchangeresilience.catalog.PolicyClass.PARTIAL_SUCCESS;
import static io.github.exchangeresilience.catalog.PolicyClass.RATE_LIMITED;
import static io.github.exchangeresilience.catalog.PolicyClass.REJECTED;
import static io.github.exchangeresilience.catalog.PolicyClass.SUCCESS;
import static io.github.exchangeresilience.catalog.PolicyClass.TRANSIENT;
import static io.github.exchangeresilience.catalog.PolicyClass.UNAVAILABLE;

import io.github.exchangeresilience.catalog.CatalogEntry;
import io.github.exchangeresilience.catalog.EntryKind;
import io.github.exchangeresilience.catalog.ErrorCatalog;
import io.github.exchangeresilience.catalog.Exchange;
import io.github.exchangeresilience.catalog.LocalizedMessage;
import io.github.exchangeresilience.catalog.PolicyClass;
import io.github.exchangeresilience.catalog.Transport;
import java.util.List;

/**
 * The decoder tests' catalog: the anchor codes of each exchange with the class, message and HTTP status their source
 * documents give, until the generated data files ({@link ErrorCatalog#builtIn()}) exist. The one place these live.
 */
final class TestCatalog {
  private static final String OKX_SOURCE = "001_fbebf5cfef146b6b.txt";
  private static final String BYBIT_SOURCE = "002_ec6e6d16ed8c7874.txt";
  private static final String BITGET_SOURCE = "003_9b41f529b0a4a7fa.txt";
  private static final String BINANCE_SOURCE = "004_2a99d2958f658e2d.txt";

  static final ErrorCatalog CATALOG = ErrorCatalog.of(List.of(
      okx("0", 200, SUCCESS, "Succeeded."),
      okx("1", 200, REJECTED, "Operation failed."),
      okx("2", 200, PARTIAL_SUCCESS, "Bulk operation partially succeeded."),
      okx("50004", 400, EXECUTION_UNKNOWN, "Endpoint request timeout (does not mean that the request was successful or"
          + " failed, please check the request result)."),
      okx("50005", 410, UNAVAILABLE, "API is offline or unavailable."),
      okx("50007", 200, ACCOUNT_RESTRICTED, "Account blocked."),
      okx("50011", 429, RATE_LIMITED, "Requests too frequent."),
      okx("50013", 429, TRANSIENT, "System is busy, please try again later."),
      okx("50102", 401, CLOCK_SKEW, "Timestamp request expired."),
      okx("50113", 401, AUTH, "Invalid signature."),
      okx("51008", 200, REJECTED, "Order placement failed due to insufficient balance."),

      binance("-1000", "UNKNOWN", EXECUTION_UNKNOWN, "An unknown error occured while processing the request."),
      binance("-1001", "DISCONNECTED", TRANSIENT, "Internal error; unable to process your request. Please try again."),
      binance("-1003", "TOO_MANY_REQUESTS", RATE_LIMITED,
          "Too many requests; current limit is %s requests per minute. Please use the websocket for live updates to"
              + " avoid polling the API.",
          "Way too many requests; IP banned until %s. Please use the websocket for live updates to avoid bans."),
      binance("-1006", "UNEXPECTED_RESP", EXECUTION_UNKNOWN,
          "An unexpected response was received from the message bus. Execution status unknown."),
      binance("-1007", "TIMEOUT", EXECUTION_UNKNOWN,
          "Timeout waiting for response from backend server. Send status unknown; execution status unknown."),
      binance("-1008", "Request Throttled", TRANSIENT,
          "Server is currently overloaded with other requests. Please try again in a few minutes."),
      binance("-1016", "SERVICE_SHUTTING_DOWN", UNAVAILABLE, "This service is no longer available."),
      binance("-1021", "INVALID_TIMESTAMP", CLOCK_SKEW, "Timestamp for this request is outside of the recvWindow."),
      binance("-1022", "INVALID_SIGNATURE", AUTH, "Signature for this request is not valid."),
      binance("-2019", "MARGIN_NOT_SUFFICIEN", REJECTED, "Margin is insufficient."),
      binance("-2023", "USER_IN_LIQUIDATION", ACCOUNT_RESTRICTED, "User in liquidation mode now."),

      bybit("0", SUCCESS, "OK"),
      bybit("10000", EXECUTION_UNKNOWN, "Server Timeout"),
      bybit("10002", CLOCK_SKEW, "The request time exceeds the time window range."),
      bybit("10003", AUTH, "API key is invalid."),
      bybit("10006", RATE_LIMITED, "Too many visits. Exceeded the API Rate Limit."),
      bybit("110007", REJECTED, "Available balance is insufficient"),
      bybitHttp("401", AUTH, "Invalid request. 1. Need to use the correct key to access; 2. Need to put authentication"
          + " params in the request header"),
      bybitHttp("403", RATE_LIMITED, "Forbidden request. Possible causes: 1. IP rate limit breached; 2. You send GET"
          + " request with an empty json body"),

      bitget("429", RATE_LIMITED, "Too Many Requests"),
      bitget("25001", EXECUTION_UNKNOWN, "Operation timed out"),
      bitget("25003", TRANSIENT, "Concurrent operation, please retry"),
      bitget("25202", REJECTED, "Insufficient balance"),
      bitget("40008", CLOCK_SKEW, "Request timestamp expired"),
      bitget("40009", AUTH, "sign signature error")));

  private TestCatalog() {}

  /** The decoder of {@code exchange} over this catalog, through the public factory. */
  static ResponseDecoder decoder(Exchange exchange) {
    return ResponseDecoder.of(exchange, CATALOG);
  }

  private static CatalogEntry okx(String code, int httpStatus, PolicyClass policyClass, String message) {
    return entry(Exchange.OKX, code, OKX_SOURCE, policyClass, message).httpStatus(httpStatus).build();
  }

  private static CatalogEntry binance(String code, String name, PolicyClass policyClass, String... messages) {
    CatalogEntry.Builder builder = entry(Exchange.BINANCE_USDM, code, BINANCE_SOURCE, policyClass, messages[0])
        .name(name);
    for (int i = 1; i < messages.length; i++) {
      builder.addMessage(LocalizedMessage.en(messages[i]));
    }
    return builder.build();
  }

  private static CatalogEntry bybit(String code, PolicyClass policyClass, String message) {
    return entry(Exchange.BYBIT, code, BYBIT_SOURCE, policyClass, message).build();
  }

  private static CatalogEntry bybitHttp(String status, PolicyClass policyClass, String message) {
    return entry(Exchange.BYBIT, status, BYBIT_SOURCE, policyClass, message).kind(EntryKind.HTTP_STATUS).build();
  }

  private static CatalogEntry bitget(String code, PolicyClass policyClass, String message) {
    return entry(Exchange.BITGET, code, BITGET_SOURCE, policyClass, message)
        .transport(Transport.WEBSOCKET)
        .build();
  }

  private static CatalogEntry.Builder entry(
      Exchange exchange, String code, String source, PolicyClass policyClass, String message) {
    return CatalogEntry.builder()
        .exchange(exchange)
        .code(code)
        .source(source)
        .policyClass(policyClass)
        .classifiedBy("test")
        .addMessage(LocalizedMessage.en(message));
  }
}
