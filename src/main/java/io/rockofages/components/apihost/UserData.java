package io.rockofages.components.apihost;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.ContainerSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.api.StackId;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud-init script of the API host: install Docker, write the container's environment to a
 * root-only file, and run the container with the host's HTTP port mapped to the container port.
 * Values are never interpolated by a shell: the env file is a quoted heredoc, and the image name is
 * validated against a pattern without shell metacharacters.
 */
public final class UserData {
  private UserData() {}

  static final String CONTAINER_NAME = "rockofages-api";
  private static final String HEREDOC_END = "ROCKOFAGES_ENV_END";

  /** {@code linkedEnv}: variables from other components (the database's), after the spec's own. */
  public static String script(ApiSpec api, List<EnvVar> linkedEnv) {
    ContainerSpec container = api.getContainer();
    StringBuilder env = new StringBuilder();
    List<EnvVar> all = new ArrayList<>(container.getEnv());
    all.addAll(linkedEnv);
    for (EnvVar var : all) {
      if (var.getValue().contains("\n") || var.getValue().contains("\r")) {
        throw new IllegalArgumentException("spec.api.container.env " + var.getName() + ": values must be one line");
      }
      env.append(var.getName()).append('=').append(var.getValue()).append('\n');
    }
    return """
        #!/bin/bash
        # Written by rockofages; changing this script replaces the instance.
        set -euo pipefail
        dnf install -y docker
        systemctl enable --now docker
        install -d -m 0700 /etc/rockofages
        umask 077
        cat > /etc/rockofages/api.env <<'%4$s'
        %5$s%4$s
        for attempt in 1 2 3 4 5; do docker pull %1$s && break; sleep $((attempt * 10)); done
        docker rm -f %6$s 2>/dev/null || true
        docker run -d --name %6$s --restart unless-stopped --env-file /etc/rockofages/api.env -p %2$d:%3$d %1$s
        """.formatted(container.getImage(), api.getHttp().getPort(), container.getPort(), HEREDOC_END, env,
        CONTAINER_NAME);
  }

  /** Variables whose values are secret: a plan shows that they change, never what they hold. */
  private static final List<String> SECRET_VARIABLES = List.of("DATABASE_PASSWORD", "DATABASE_URL");

  /** The script's lines with secret values replaced, fit for a plan. */
  public static List<String> displayLines(String script) {
    return script.lines().map(line -> SECRET_VARIABLES.stream().filter(name -> line.startsWith(name + "="))
        .findFirst().map(name -> name + "=(redacted: " + fingerprint(line) + ")").orElse(line)).toList();
  }

  /** Short fingerprint of the script, kept in a tag so drift is seen without reading user data back. */
  public static String fingerprint(String script) {
    return StackId.sha256Hex(script).substring(0, 16);
  }
}
