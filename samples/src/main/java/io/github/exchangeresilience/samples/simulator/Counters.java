package io.github.exchangeresilience.samples.simulator;

/** One exchange's mutable counters; the handler's lock guards them. */
final class Counters {
  long requests;
  long duplicateAttempts;
  long rateLimitRefusals;
  long bans;
  long bannedRequests;
  long faultsInjected;
}
