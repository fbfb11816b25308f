package io.github.exchangeresilience.samples.simulator;

import java.util.EnumMap;
import java.util.Map;

/** One fixed window per endpoint, for exchanges that count each endpoint on its own. */
final class EndpointWindows {
  private final SimulatorConfig config;
  private final Map<Endpoint, FixedWindow> windows = new EnumMap<>(Endpoint.class);

  EndpointWindows(SimulatorConfig config) {
    this.config = config;
  }

  EndpointWindows limit(Endpoint endpoint, RateLimitRule rule) {
    windows.put(endpoint, FixedWindow.of(config, rule));
    return this;
  }

  /** The endpoint's window, or null if it has none. */
  FixedWindow window(Endpoint endpoint) {
    return windows.get(endpoint);
  }

  /** Takes {@code units} from the endpoint's window; true if they fit or the endpoint is unlimited. */
  boolean tryAcquire(Endpoint endpoint, int units, long now) {
    FixedWindow window = windows.get(endpoint);
    return window == null || window.tryAcquire(now, units);
  }
}
