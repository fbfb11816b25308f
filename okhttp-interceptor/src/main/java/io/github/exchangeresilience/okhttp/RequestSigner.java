package io.github.exchangeresilience.okhttp;

import java.io.IOException;
import okhttp3.Request;

/**
 * Signs one attempt. Called by the interceptor before every attempt, so that a resend carries a fresh timestamp and
 * signature rather than the stale ones of the first attempt. Must never log or throw the credentials it uses.
 */
@FunctionalInterface
public interface RequestSigner {
  RequestSigner NONE = request -> request;

  Request sign(Request request) throws IOException;
}
