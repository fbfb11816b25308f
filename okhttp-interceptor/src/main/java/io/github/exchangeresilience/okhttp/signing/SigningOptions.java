package io.github.exchangeresilience.okhttp.signing;

import java.time.Duration;

/** The signing settings of one {@link ExchangeSigning}. */
record SigningOptions(Duration recvWindow, boolean demoTrading, String locale, Duration orderExpiry) {}
