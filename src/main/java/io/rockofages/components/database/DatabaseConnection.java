package io.rockofages.components.database;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.engine.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How an application reaches the database; what the connection Secret and the API host's environment hold. */
public record DatabaseConnection(String host, int port, String database, String username, Secret password) {

  public static DatabaseConnection of(DatabaseSpec spec, DatabaseState observed, Secret password) {
    return new DatabaseConnection(observed.host(), observed.port() == null ? DatabaseSpec.PORT : observed.port(),
        spec.getDatabaseName(), spec.getMasterUsername(), password);
  }

  public String url() {
    return "postgresql://" + encode(username) + ":" + encode(password.value()) + "@" + host + ":" + port + "/"
        + encode(database);
  }

  /** The keys of the connection Secret (also the suffixes of the API host's DATABASE_* variables). */
  public Map<String, String> secretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("host", host);
    data.put("port", String.valueOf(port));
    data.put("dbname", database);
    data.put("username", username);
    data.put("password", password.value());
    data.put("url", url());
    return data;
  }

  /** DATABASE_URL plus DATABASE_HOST, _PORT, _NAME, _USER, _PASSWORD for the API container. */
  public List<EnvVar> environment() {
    return List.of(new EnvVar("DATABASE_URL", url()), new EnvVar("DATABASE_HOST", host),
        new EnvVar("DATABASE_PORT", String.valueOf(port)), new EnvVar("DATABASE_NAME", database),
        new EnvVar("DATABASE_USER", username), new EnvVar("DATABASE_PASSWORD", password.value()));
  }

  @Override
  public String toString() {
    return "postgresql://" + username + ":(redacted)@" + host + ":" + port + "/" + database;
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
