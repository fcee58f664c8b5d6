package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One key of a Secret in the RockOfAges' namespace. */
public class SecretKeyRef {
  @Required
  @Pattern(Patterns.K8S_NAME)
  @JsonPropertyDescription("Secret name.")
  private String name;

  @Default("password")
  @JsonPropertyDescription("Key within the Secret. Default: password.")
  private String key = "password";

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key == null ? "password" : key;
  }
}
