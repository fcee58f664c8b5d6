package io.rockofages.operator;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.SiteSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The site's files from a ConfigMap: each key an object key, text from data, bytes from binaryData. */
public final class SiteFiles {
  private SiteFiles() {}

  public static Map<String, byte[]> of(ConfigMap configMap) {
    Map<String, byte[]> files = new TreeMap<>();
    if (configMap.getData() != null) {
      configMap.getData().forEach((key, text) -> files.put(key, text.getBytes(StandardCharsets.UTF_8)));
    }
    if (configMap.getBinaryData() != null) {
      configMap.getBinaryData().forEach((key, base64) -> files.put(key, Base64.getDecoder().decode(base64)));
    }
    return files;
  }

  /** The ConfigMap the resource takes its site content from, if it names one. */
  public static Optional<String> configMapName(RockOfAges resource) {
    SiteSpec site = resource.getSpec() == null ? null : resource.getSpec().getSite();
    return Optional.ofNullable(site).map(SiteSpec::getContentFrom).map(SiteSpec.ContentSource::getConfigMapRef)
        .map(SiteSpec.NameRef::getName);
  }
}
