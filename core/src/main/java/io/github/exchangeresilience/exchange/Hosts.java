package io.github.exchangeresilience.exchange;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The REST hosts an exchange documents: live trading first, then its testnet and demo hosts. An exchange whose demo
 * trading runs on the live host with a header (OKX, Bitget) has no demo hosts of its own.
 *
 * @param live the production hosts; the first is where requests go by default
 * @param testnet testnet hosts
 * @param demo demo-trading hosts
 */
public record Hosts(List<String> live, List<String> testnet, List<String> demo) {
  public Hosts {
    live = lowerCase(live);
    testnet = lowerCase(testnet);
    demo = lowerCase(demo);
    if (live.isEmpty()) {
      throw new IllegalArgumentException("an exchange has at least one live host");
    }
  }

  /** Every host, live first. */
  public Set<String> all() {
    Set<String> all = new LinkedHashSet<>(live);
    all.addAll(testnet);
    all.addAll(demo);
    return all;
  }

  /** {@code https://<first live host>/}: where the server time is asked before any request was seen. */
  public String defaultBaseUrl() {
    return "https://" + live.get(0) + "/";
  }

  private static List<String> lowerCase(List<String> hosts) {
    return Objects.requireNonNull(hosts, "hosts").stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
  }
}
