package io.github.exchangeresilience.okhttp.signing;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Credentials from {@code <PREFIX>_API_KEY}, {@code <PREFIX>_API_SECRET} and {@code <PREFIX>_API_PASSPHRASE}. */
final class EnvironmentCredentials implements CredentialsProvider {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String keyVariable;
  private final String secretVariable;
  private final String passphraseVariable;
  private final UnaryOperator<String> environment;

  EnvironmentCredentials(String prefix, UnaryOperator<String> environment) {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("not an environment variable prefix: " + prefix);
    }
    this.keyVariable = prefix + "_API_KEY";
    this.secretVariable = prefix + "_API_SECRET";
    this.passphraseVariable = prefix + "_API_PASSPHRASE";
    this.environment = environment;
  }

  @Override
  public Credentials credentials() throws MissingCredentialsException {
    String key = environment.apply(keyVariable);
    String secret = environment.apply(secretVariable);
    if (isBlank(key) || isBlank(secret)) {
      throw new MissingCredentialsException("environment variable " + (isBlank(key) ? keyVariable : secretVariable)
          + " is not set");
    }
    String passphrase = environment.apply(passphraseVariable);
    return Credentials.of(key, secret, isBlank(passphrase) ? null : passphrase);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "CredentialsProvider.environment(" + keyVariable + ", " + secretVariable + ", " + passphraseVariable + ")";
  }
}
