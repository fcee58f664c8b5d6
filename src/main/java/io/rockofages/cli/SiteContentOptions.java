package io.rockofages.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.rockofages.api.ManifestException;
import io.rockofages.api.RockOfAges;
import io.rockofages.operator.SiteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Without a cluster, the ConfigMap that spec.site.contentFrom names comes from its manifest file. */
final class SiteContentOptions {
  @Option(names = "--site-content", paramLabel = "FILE",
      description = "Manifest of the ConfigMap that spec.site.contentFrom names (its keys are the site's files).")
  Path manifest;

  Optional<Map<String, byte[]>> load(RockOfAges resource) {
    Optional<String> wanted = SiteFiles.configMapName(resource);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    if (manifest == null) {
      throw new ManifestException("spec.site.contentFrom names ConfigMap " + wanted.get()
          + ": give its manifest with --site-content FILE");
    }
    ConfigMap configMap;
    try {
      configMap = new KubernetesSerialization().unmarshal(Files.readString(manifest), ConfigMap.class);
    } catch (IOException e) {
      throw new ManifestException(manifest + ": cannot read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      throw new ManifestException(manifest + ": not a ConfigMap manifest (" + e.getMessage() + ")");
    }
    if (configMap == null || configMap.getMetadata() == null
        || !wanted.get().equals(configMap.getMetadata().getName())) {
      throw new ManifestException(manifest + ": expected ConfigMap " + wanted.get() + " (spec.site.contentFrom)");
    }
    return Optional.of(SiteFiles.of(configMap));
  }
}
