package io.github.exchangeresilience.okhttp.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.exchangeresilience.exchange.ExchangeSpec;
import io.github.exchangeresilience.exchange.Signing;
import io.github.exchangeresilience.exchange.WebSocketApi;
import io.github.exchangeresilience.okhttp.time.ServerTimeSync;
import io.github.exchangeresilience.okhttp.websocket.WebSocketSigner;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket recipes, every name and parameter from the exchange's specification: a login frame whose signature is
 * the HMAC-SHA256 of the timestamp (or expiry) and the method and path, in the order, unit and encoding the exchange
 * documents; or, where requests are signed one by one, the API key, the receive window unless set, the timestamp and
 * the hex signature of every parameter sorted by name; and, where a request carries a header object, its signing
 * timestamp and receive window there. Timestamps come from the exchange's clock as the time sync knows it.
 */
final class WebSocketSigning implements WebSocketSigner {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private final ExchangeSpec spec;
  private final CredentialsProvider credentials;
  private final ServerTimeSync time;
  private final SigningOptions options;

  WebSocketSigning(ExchangeSpec spec, CredentialsProvider credentials, ServerTimeSync time, SigningOptions options) {
    this.spec = spec;
    this.credentials = credentials;
    this.time = time;
    this.options = options;
  }

  @Override
  public String login() throws IOException {
    WebSocketApi.Login login = spec.webSocket().login();
    if (login == null) {
      return null;
    }
    Credentials current = current();
    long at = time.clock().millis() + login.expiresAfter().toMillis();
    long stamp = login.timestampUnit().convert(at, TimeUnit.MILLISECONDS);
    String timestamp = Long.toString(stamp);
    String prehash = login.timestampFirst()
        ? timestamp + login.method() + login.path()
        : login.method() + login.path() + timestamp;
    String signature = login.base64()
        ? ExchangeSigner.hmacBase64(current, prehash)
        : ExchangeSigner.hmacHex(current, prehash);
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(login.opField(), login.op());
      json.writeArrayFieldStart(login.argsField());
      if (login.namedArgs()) {
        json.writeStartObject();
        json.writeStringField(login.apiKeyArg(), current.apiKey());
        if (login.passphraseArg() != null) {
          json.writeStringField(login.passphraseArg(), passphrase(current));
        }
        json.writeStringField(login.timestampArg(), timestamp);
        json.writeStringField(login.signArg(), signature);
        json.writeEndObject();
      } else {
        json.writeString(current.apiKey());
        json.writeNumber(stamp);
        json.writeString(signature);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toString();
  }

  @Override
  public void sign(Map<String, Object> params, Map<String, String> header) throws IOException {
    WebSocketApi.Requests requests = spec.webSocket().requests();
    Signing signing = spec.signing();
    long now = time.clock().millis();
    if (requests.signedOneByOne()) {
      Credentials current = current();
      params.remove(signing.signatureParameter());
      params.put(requests.apiKeyParameter(), current.apiKey());
      params.putIfAbsent(signing.recvWindowParameter(), options.recvWindow().toMillis());
      params.put(signing.timestampParameter(), now);
      StringJoiner payload = new StringJoiner("&");
      new TreeMap<>(params).forEach((name, value) -> payload.add(name + "=" + value));
      params.put(signing.signatureParameter(), ExchangeSigner.hmacHex(current, payload.toString()));
    }
    if (requests.headerField() != null) {
      header.put(signing.timestampHeader(), Long.toString(now));
      header.put(signing.recvWindowHeader(), Long.toString(options.recvWindow().toMillis()));
    }
  }

  /** Where the exchange signs requests one by one or timestamps them in a header object; nowhere else. */
  @Override
  public boolean signsRequests() {
    WebSocketApi.Requests requests = spec.webSocket().requests();
    return requests.signedOneByOne() || requests.headerField() != null;
  }

  private Credentials current() throws IOException {
    Credentials current = credentials.credentials();
    if (current == null) {
      throw new MissingCredentialsException("no credentials for " + spec.exchange().id());
    }
    return current;
  }

  private String passphrase(Credentials credentials) throws MissingCredentialsException {
    String passphrase = credentials.passphrase();
    if (passphrase == null) {
      throw new MissingCredentialsException(spec.exchange().id() + " needs the API key's passphrase");
    }
    return passphrase;
  }

  @Override
  public String toString() {
    return "WebSocketSigning{" + spec.exchange().id() + ", " + credentials + "}";
  }
}
