package io.github.exchangeresilience.samples.simulator;

/**
 * An exchange error code and message, with the HTTP status the exchange uses when the error answers a whole request.
 * In a batch item the status is not used.
 */
record ItemError(int httpStatus, String code, String message) {}
