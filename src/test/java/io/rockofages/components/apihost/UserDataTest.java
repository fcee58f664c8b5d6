package io.rockofages.components.apihost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.ApiSpec;
import io.rockofages.api.EnvVar;
import io.rockofages.testing.Specs;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserDataTest {
  private final ApiSpec api = Specs.minimal().getApi();

  @Test
  void installsDockerAndRunsTheContainerOnTheHttpPort() {
    api.getHttp().setPort(8080);
    api.getContainer().setPort(9000);
    String script = UserData.script(api, List.of());
    assertTrue(script.startsWith("#!/bin/bash\n"));
    assertTrue(script.contains("dnf install -y docker"));
    assertTrue(script.contains("docker pull ghcr.io/example/django-api:1.0"), script);
    assertTrue(script.contains("--restart unless-stopped --env-file \"$dir/api.effective.env\" -p 8080:9000 "
        + "ghcr.io/example/django-api:1.0\n"), "the run script, installed by the user data: " + script);
    assertTrue(script.contains("systemctl enable --now rockofages-api.timer\nsystemctl start rockofages-api.service"),
        "started at boot, and again every five minutes to follow a rotated password");
  }

  @Test
  void envValuesGoVerbatimIntoAQuotedHeredocNeverThroughTheShell() {
    api.getContainer().setEnv(List.of(new EnvVar("GREETING", "$(reboot) `id` 'quoted'")));
    String script = UserData.script(api, List.of());
    assertTrue(script.contains("cat > /etc/rockofages/api.env <<'ROCKOFAGES_ENV_END'\n"
        + "GREETING=$(reboot) `id` 'quoted'\nROCKOFAGES_ENV_END\n"), script);
  }

  @Test
  void multiLineValuesAreRefused() {
    api.getContainer().setEnv(List.of(new EnvVar("BAD", "a\nROCKOFAGES_ENV_END\nreboot")));
    assertThrows(IllegalArgumentException.class, () -> UserData.script(api, List.of()));
  }

  @Test
  void fingerprintChangesWithTheContainer() {
    String before = UserData.fingerprint(UserData.script(api, List.of()));
    assertEquals(16, before.length());
    api.getContainer().setImage("ghcr.io/example/django-api:1.1");
    assertNotEquals(before, UserData.fingerprint(UserData.script(api, List.of())));
  }
}
