package io.github.exchangeresilience.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application using exchange-resilience with nothing but its auto-configuration: the
 * {@code OkHttpClient} bean carries the interceptor, and {@code /actuator/prometheus} shows what the exchanges answered.
 */
@SpringBootApplication
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
