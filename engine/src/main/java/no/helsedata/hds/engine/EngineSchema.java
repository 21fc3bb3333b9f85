package no.helsedata.hds.engine;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

// On PostgreSQL the engine keeps its tables in a schema of their own, beside the case file in
// the same database. The engine creates its tables but not the schema, so the schema is made
// here, before the connection pool (spring.datasource.hikari.*) starts.
@Configuration
@Profile("postgres")
public class EngineSchema {
  @Bean
  @ConfigurationProperties("spring.datasource.hikari")
  public HikariDataSource dataSource(DataSourceProperties properties, @Value("${operaton.bpm.database.schema-name}") String schema) throws SQLException {
    if (!schema.matches("[a-z_][a-z0-9_]*")) throw new IllegalArgumentException("Engine schema name must be a plain lower-case identifier: " + schema);
    try (Connection connection = DriverManager.getConnection(properties.getUrl(), properties.getUsername(), properties.getPassword());
         Statement statement = connection.createStatement()) {
      statement.execute("create schema if not exists " + schema);
    } catch (SQLException e) {
      // Two nodes starting at once: the other one made it (unique_violation).
      if (!"23505".equals(e.getSQLState())) throw e;
    }
    return properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
  }
}
