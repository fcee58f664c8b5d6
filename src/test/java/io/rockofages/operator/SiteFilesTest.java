package io.rockofages.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiteFilesTest {
  @Test
  void configMapTextAndBinaryBothBecomeFiles() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2};
    var configMap = new ConfigMapBuilder().withNewMetadata().withName("f").endMetadata()
        .withData(Map.of("index.html", "<h1>x</h1>"))
        .withBinaryData(Map.of("logo.png", Base64.getEncoder().encodeToString(png))).build();
    Map<String, byte[]> files = SiteFiles.of(configMap);
    assertEquals(List.of("index.html", "logo.png"), List.copyOf(files.keySet()));
    assertTrue(Arrays.equals(png, files.get("logo.png")));
  }

}
