package io.github.centrasage.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An integration that is only configuration: the starter reads {@code application.yml}
 * (clients, mappings, flows), puts the state store on the application's DataSource, starts the
 * engine with the application and drains it on shutdown, and reports it in
 * {@code /actuator/health} and {@code /actuator/metrics}.
 *
 * <p>Run it against real systems with {@code CENTRA_URL}, {@code CENTRA_TOKEN}, {@code SAGE_SITE_ID},
 * {@code SAGE_COMPANY_ID}, {@code SAGE_CLIENT_ID}, {@code SAGE_CLIENT_SECRET} and
 * {@code SAGE_REFRESH_TOKEN} set; its test runs it against the sandboxes.
 */
@SpringBootApplication
public class SampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SampleApplication.class, args);
  }
}
