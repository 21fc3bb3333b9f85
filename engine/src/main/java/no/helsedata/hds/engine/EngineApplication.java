package no.helsedata.hds.engine;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// One JVM: the Operaton engine, its REST API (/engine-rest), Cockpit, Tasklist and Admin (/operaton).
@SpringBootApplication
@ConfigurationPropertiesScan
public class EngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(EngineApplication.class, args);
  }
}
