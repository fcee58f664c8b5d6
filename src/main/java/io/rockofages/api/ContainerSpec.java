package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** The Dockerized API: image, the port it listens on inside the container, its environment. */
public class ContainerSpec {
  public static final int DEFAULT_PORT = 8000;

  @Required
  @Pattern(Patterns.CONTAINER_IMAGE)
  @JsonPropertyDescription("Container image to run, e.g. ghcr.io/acme/django-api:1.4. Changing it replaces the instance.")
  private String image;

  @Default("8000")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("Port the API listens on inside the container; the host maps port 80 to it.")
  private int port = DEFAULT_PORT;

  @JsonPropertyDescription("Environment variables for the container. Visible in the instance's user data: no secrets here.")
  private List<EnvVar> env = new ArrayList<>();

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env == null ? new ArrayList<>() : env;
  }
}
