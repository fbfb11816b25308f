package io.github.exchangeresilience.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A Spring Boot application using exchange-resilience with nothing but its auto-configuration: the
 * {@code OkHttpClient} bean carries the interceptor, and {@code /actuator/prometheus} shows what the exchanges answered.
 *
 * <p>With {@code --sample.simulator.enabled=true} (the README's command) it starts the simulated exchanges on loopback
 * and places and looks up orders on all four, with faults, rate limits and a ban, so that every panel of the Grafana
 * dashboard ({@code samples/grafana/exchange-resilience.json}) has something to show; see {@link SimulatedExchanges}.
 */
@SpringBootApplication
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }

  /** The exchanges' base URLs: {@code sample.<exchange-id>-url}, else the documented hosts. */
  @Bean
  @ConditionalOnMissingBean
  SampleExchanges sampleExchanges(Environment environment) {
    return SampleExchanges.from(environment);
  }
}
