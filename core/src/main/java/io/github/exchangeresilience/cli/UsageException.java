package io.github.exchangeresilience.cli;

/** Bad command-line usage, an unknown exchange or an unknown code: reported on stderr with exit status 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
