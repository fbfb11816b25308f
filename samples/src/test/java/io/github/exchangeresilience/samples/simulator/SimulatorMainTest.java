package io.github.exchangeresilience.samples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.exchangeresilience.catalog.Exchange;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulator's command line: a usage error says what is wrong, lists the fault kinds, and exits with 2. */
class SimulatorMainTest {
  @Test
  void anUnknownFaultKindIsNamedWithTheKindsThereAre() {
    assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--fault", "TIMEOUT=0.1"}))
        .isInstanceOf(SimulatorMain.UsageException.class)
        .hasMessageStartingWith("SimulatorMain: --fault TIMEOUT=0.1: unknown fault kind 'TIMEOUT'")
        .hasMessageContaining("TIMEOUT_PLACED").hasMessageContaining("TIMEOUT_NOT_PLACED")
        .hasMessageContaining("MAINTENANCE");
  }

  @Test
  void everyMalformedValueIsAUsageError() {
    for (List<String> args : List.of(List.of("--fault", "BUSY"), List.of("--fault", "BUSY=often"),
        List.of("--fault", "BUSY=1.5"), List.of("--seed"), List.of("--seed", "x"), List.of("--port", "80"),
        List.of("--fault", "BUSY=0.6", "--fault", "AUTH_REJECTED=0.6"), List.of("--verbose"))) {
      assertThatThrownBy(() -> SimulatorMain.parse(args.toArray(String[]::new))).as(args.toString())
          .isInstanceOf(SimulatorMain.UsageException.class).hasMessageContaining("usage: SimulatorMain");
    }
    SimulatorConfig config = SimulatorMain.parse(new String[] {"--seed", "7", "--fault", "TIMEOUT_PLACED=0.1"});
    assertThat(config.seed()).isEqualTo(7);
    assertThat(config.faultRate(Exchange.OKX, FaultKind.TIMEOUT_PLACED)).isEqualTo(0.1);
  }

  @Test
  void theProcessExitsWithTwoAndNoStackTrace() throws Exception {
    Process process = new ProcessBuilder(new File(System.getProperty("java.home"), "bin/java").getPath(),
        "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName(), "--fault", "TIMEOUT=0.1")
        .redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output).contains("unknown fault kind 'TIMEOUT'", "TIMEOUT_PLACED").doesNotContain("Exception", "\tat ");
  }
}
