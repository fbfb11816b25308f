package io.github.exchangeresilience.okhttp.websocket;

import io.github.exchangeresilience.okhttp.signing.ClientOrderIds;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** What a session keeps of its builder, read back by {@code newBuilder()}. */
record SessionSettings(OkHttpClient client, String url, HttpUrl restBaseUrl, WebSocketSigner signer,
    WebSocketSessionListener listener, Duration requestTimeout, Duration connectWait, Duration keepAliveInterval,
    IntervalFunction reconnectBackoff, ClientOrderIds clientOrderIds) {}
