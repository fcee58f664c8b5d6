package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One environment variable of the API container. */
public class EnvVar {
  @Required
  @Pattern(Patterns.ENV_NAME)
  @JsonPropertyDescription("Variable name, e.g. DJANGO_SETTINGS_MODULE.")
  private String name;

  @Pattern(Patterns.SINGLE_LINE)
  @JsonPropertyDescription("Variable value (plain text, one line).")
  private String value = "";

  public EnvVar() {}

  public EnvVar(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value == null ? "" : value;
  }
}
