package io.rockofages.cli;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import com.fasterxml.jackson.databind.JsonNode;
import io.rockofages.api.ManifestException;
import io.rockofages.api.ManifestReader;
import io.rockofages.api.RockOfAges;
import io.rockofages.operator.SiteFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Without a cluster, the ConfigMap that spec.site.contentFrom names comes from its manifest file. */
final class SiteContentOptions {
  @Option(names = "--site-content", paramLabel = "FILE",
      description = "Manifest of the ConfigMap that spec.site.contentFrom names (its keys are the site's files); "
          + "default: the ConfigMap in the -f file itself.")
  Path manifest;

  /** @param stackFile the -f manifest, searched when no --site-content is given */
  Optional<Map<String, byte[]>> load(RockOfAges resource, Path stackFile) {
    Optional<String> wanted = SiteFiles.configMapName(resource);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    Path source = manifest != null ? manifest : stackFile;
    List<JsonNode> found = ManifestReader.companions(source, "ConfigMap", wanted.get());
    if (found.isEmpty()) {
      throw new ManifestException(manifest == null
          ? "spec.site.contentFrom names ConfigMap " + wanted.get() + ": put it in " + stackFile
              + " or give its manifest with --site-content FILE"
          : manifest + ": expected ConfigMap " + wanted.get() + " (spec.site.contentFrom)");
    }
    try {
      return Optional.of(SiteFiles.of(SERIALIZATION.convertValue(found.get(0), ConfigMap.class)));
    } catch (RuntimeException e) {
      throw new ManifestException(source + ": ConfigMap " + wanted.get() + " is not valid (" + e.getMessage() + ")");
    }
  }

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
}
