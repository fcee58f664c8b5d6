package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.Objects;

/** Where people reach the stack. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Endpoints {
  /** The keys components publish endpoints under (see the engine's Outputs). */
  public static final String API = "api";
  public static final String API_PUBLIC_IP = "apiPublicIp";
  public static final String DATABASE = "database";
  public static final String SITE = "site";

  @JsonPropertyDescription("URL of the API host, e.g. http://203.0.113.10/.")
  private String api;
  @JsonPropertyDescription("Public IPv4 address of the API host.")
  private String apiPublicIp;
  @JsonPropertyDescription("host:port of the PostgreSQL database.")
  private String database;
  @JsonPropertyDescription("URL of the static site: https://<distribution domain>, or the S3 website endpoint when the CDN is disabled.")
  private String site;

  /** Endpoints from published keys; unknown keys are a bug in the publishing component. */
  public static Endpoints of(Map<String, String> published) {
    Endpoints endpoints = new Endpoints();
    published.forEach((key, value) -> {
      switch (key) {
        case API -> endpoints.setApi(value);
        case API_PUBLIC_IP -> endpoints.setApiPublicIp(value);
        case DATABASE -> endpoints.setDatabase(value);
        case SITE -> endpoints.setSite(value);
        default -> throw new IllegalArgumentException("status has no endpoint " + key);
      }
    });
    return endpoints;
  }

  public String getApi() {
    return api;
  }

  public void setApi(String api) {
    this.api = api;
  }

  public String getApiPublicIp() {
    return apiPublicIp;
  }

  public void setApiPublicIp(String apiPublicIp) {
    this.apiPublicIp = apiPublicIp;
  }

  public String getSite() {
    return site;
  }

  public void setSite(String site) {
    this.site = site;
  }

  public String getDatabase() {
    return database;
  }

  public void setDatabase(String database) {
    this.database = database;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Endpoints e && Objects.equals(api, e.api) && Objects.equals(apiPublicIp, e.apiPublicIp)
        && Objects.equals(database, e.database) && Objects.equals(site, e.site);
  }

  @Override
  public int hashCode() {
    return Objects.hash(api, apiPublicIp, database, site);
  }
}
