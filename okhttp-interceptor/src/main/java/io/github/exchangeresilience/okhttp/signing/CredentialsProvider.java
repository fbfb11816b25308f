package io.github.exchangeresilience.okhttp.signing;

import java.io.IOException;
import java.util.Objects;

/**
 * Where the signer gets its credentials, asked before every signature so that a rotated key takes effect at once.
 * Implement it over Spring properties, a vault or a secrets manager; an implementation must never log, print or put
 * into an exception what it returns.
 */
@FunctionalInterface
public interface CredentialsProvider {
  /**
   * The credentials to sign the next request with.
   *
   * @throws MissingCredentialsException when there are none
   * @throws IOException when a remote store could not be read; nothing is sent
   */
  Credentials credentials() throws IOException;

  /** Always the same credentials. */
  static CredentialsProvider of(Credentials credentials) {
    Objects.requireNonNull(credentials, "credentials");
    return new CredentialsProvider() {
      @Override
      public Credentials credentials() {
        return credentials;
      }

      @Override
      public String toString() {
        return "CredentialsProvider.of(" + credentials + ")";
      }
    };
  }

  /**
   * From the environment variables {@code <PREFIX>_API_KEY}, {@code <PREFIX>_API_SECRET} and, when set,
   * {@code <PREFIX>_API_PASSPHRASE}; for example {@code environment("OKX")} reads {@code OKX_API_KEY}. Read on every
   * call; a missing variable fails the call with {@link MissingCredentialsException} naming the variable.
   */
  static CredentialsProvider environment(String prefix) {
    return new EnvironmentCredentials(prefix, System::getenv);
  }
}
