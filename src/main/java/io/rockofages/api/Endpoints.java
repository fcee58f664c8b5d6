package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Where people reach the stack. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Endpoints {
  @JsonPropertyDescription("URL of the API host, e.g. http://203.0.113.10/.")
  private String api;
  @JsonPropertyDescription("Public IPv4 address of the API host.")
  private String apiPublicIp;
  @JsonPropertyDescription("host:port of the PostgreSQL database.")
  private String database;
  @JsonPropertyDescription("URL of the static site: https://<distribution domain>, or the S3 website endpoint when the CDN is disabled.")
  private String site;

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
