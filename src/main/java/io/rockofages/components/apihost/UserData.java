package io.rockofages.components.apihost;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.ContainerSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.api.StackId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud-init script of the API host: install Docker, write the container's environment to a
 * root-only file, and install a run script ({@code rockofages-api.sh}) that systemd runs at boot and
 * every five minutes. The run script adds the database password, read from Secrets Manager with the
 * instance's role, and starts the container again when that changes; so no secret is ever in user
 * data, and a rotation needs no new instance. Values are never interpolated by a shell: every file
 * is a quoted heredoc, and the image name is validated against a pattern without shell metacharacters.
 */
public final class UserData {
  private UserData() {}

  static final String CONTAINER_NAME = "rockofages-api";
  private static final String RUN_SCRIPT = resource("rockofages-api.sh");

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
        cat > /etc/rockofages/api.env <<'ROCKOFAGES_ENV_END'
        %2$sROCKOFAGES_ENV_END
        cat > /usr/local/sbin/rockofages-api <<'ROCKOFAGES_SCRIPT_END'
        %3$sROCKOFAGES_SCRIPT_END
        chmod 0700 /usr/local/sbin/rockofages-api
        cat > /etc/systemd/system/rockofages-api.service <<'ROCKOFAGES_UNIT_END'
        [Unit]
        Description=rockofages API container
        Requires=docker.service
        After=docker.service network-online.target
        [Service]
        Type=oneshot
        ExecStart=/usr/local/sbin/rockofages-api
        ROCKOFAGES_UNIT_END
        cat > /etc/systemd/system/rockofages-api.timer <<'ROCKOFAGES_UNIT_END'
        [Unit]
        Description=rockofages API container: follow a rotated database password
        [Timer]
        OnBootSec=1min
        OnUnitActiveSec=5min
        [Install]
        WantedBy=timers.target
        ROCKOFAGES_UNIT_END
        for attempt in 1 2 3 4 5; do docker pull %1$s && break; sleep $((attempt * 10)); done
        systemctl daemon-reload
        systemctl enable --now rockofages-api.timer
        systemctl start rockofages-api.service
        """.formatted(container.getImage(), env, runScript(api));
  }

  /** The run script with the container's name, image and ports filled in. */
  static String runScript(ApiSpec api) {
    ContainerSpec container = api.getContainer();
    return RUN_SCRIPT.replace("@NAME@", CONTAINER_NAME).replace("@IMAGE@", container.getImage())
        .replace("@PORTS@", api.getHttp().getPort() + ":" + container.getPort());
  }

  /**
   * Variables whose values are secret. Scripts of this version hold none, but hosts launched by
   * earlier versions carried the password in user data, and a plan that diffs against one must not
   * show it.
   */
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

  private static String resource(String name) {
    try (InputStream in = UserData.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
