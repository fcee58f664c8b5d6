package io.rockofages.components.database;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.engine.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an application reaches the database; what the connection Secret and the API host's
 * environment hold. The password lives in Secrets Manager ({@code secretArn}); it is carried here
 * only when the spec asks to publish it.
 */
public record DatabaseConnection(String host, int port, String database, String username, String secretArn,
    Optional<Secret> password) {

  public static DatabaseConnection of(DatabaseSpec spec, DatabaseState observed, String secretArn,
      Optional<Secret> password) {
    return new DatabaseConnection(observed.host(), observed.port() == null ? DatabaseSpec.PORT : observed.port(),
        spec.getDatabaseName(), spec.getMasterUsername(), secretArn, password);
  }

  /**
   * The keys of the connection Secret: host, port, dbname, username, secretArn (once known), and
   * password and url when published.
   */
  public Map<String, String> secretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("host", host);
    data.put("port", String.valueOf(port));
    data.put("dbname", database);
    data.put("username", username);
    if (secretArn != null) {
      data.put("secretArn", secretArn);
    }
    password.ifPresent(secret -> {
      data.put("password", secret.value());
      data.put("url", "postgresql://" + encode(username) + ":" + encode(secret.value()) + "@" + host + ":" + port + "/"
          + encode(database));
    });
    return data;
  }

  /** DATABASE_HOST, _PORT, _NAME and _USER for the API container; its boot script adds the password and URL. */
  public List<EnvVar> environment() {
    return List.of(new EnvVar("DATABASE_HOST", host), new EnvVar("DATABASE_PORT", String.valueOf(port)),
        new EnvVar("DATABASE_NAME", database), new EnvVar("DATABASE_USER", username));
  }

  @Override
  public String toString() {
    return "postgresql://" + username + "@" + host + ":" + port + "/" + database + " (password in " + secretArn + ")";
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
