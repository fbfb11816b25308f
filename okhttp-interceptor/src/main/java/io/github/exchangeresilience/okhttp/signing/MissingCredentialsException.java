package io.github.exchangeresilience.okhttp.signing;

import java.io.IOException;

/**
 * No credentials could be had, or not all an exchange needs (OKX and Bitget need a passphrase). Thrown before
 * anything is sent. The message names what is missing, such as an environment variable, never a value.
 */
public final class MissingCredentialsException extends IOException {
  public MissingCredentialsException(String message) {
    super(message);
  }
}
