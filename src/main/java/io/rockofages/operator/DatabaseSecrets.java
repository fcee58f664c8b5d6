package io.rockofages.operator;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAges;
import io.rockofages.api.SecretKeyRef;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.StackException;
import io.rockofages.engine.Connection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's Secrets: the database master password when the spec references one (otherwise RDS
 * keeps it in Secrets Manager and the operator never reads it), and the connection Secrets the
 * operator writes for applications. Values only ever go into Secrets: never into status, events or logs.
 */
final class DatabaseSecrets {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The label of the Secrets the operator watches: its own, and a user's password Secret that carries it. */
  static final String WATCHED_LABEL = "rockofages.io/watched";
  static final String WATCHED = WATCHED_LABEL + "=true";

  private final KubernetesClient client;

  DatabaseSecrets(KubernetesClient client) {
    this.client = client;
  }

  /** The password Secret the spec references, whose change matters to this resource (for the Secret watch). */
  static Optional<String> passwordSecretName(RockOfAges resource) {
    DatabaseSpec database = resource.getSpec() == null ? null : resource.getSpec().getDatabase();
    return Optional.ofNullable(database).map(DatabaseSpec::getPasswordSecretRef).map(SecretKeyRef::getName);
  }

  /** A master password and the resourceVersion of the Secret it was read from. */
  record MasterPassword(io.rockofages.engine.Secret value, String version) {}

  /** The master password the spec references; empty when RDS manages it (no passwordSecretRef). */
  Optional<MasterPassword> masterPassword(RockOfAges resource) {
    Optional<SecretKeyRef> reference = Optional.ofNullable(resource.getSpec().getDatabase())
        .map(DatabaseSpec::getPasswordSecretRef);
    if (reference.isEmpty()) {
      return Optional.empty();
    }
    SecretKeyRef ref = reference.get();
    String namespace = resource.getMetadata().getNamespace();
    Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
    if (secret == null) {
      throw new StackException(ErrorKind.INVALID, "spec.database.passwordSecretRef: Secret " + ref.getName()
          + " not found in namespace " + namespace);
    }
    return Optional.of(new MasterPassword(value(secret, ref.getKey()).orElseThrow(() -> new StackException(
        ErrorKind.INVALID, "spec.database.passwordSecretRef: Secret " + ref.getName() + " has no key " + ref.getKey())),
        secret.getMetadata().getResourceVersion()));
  }

  /** Writes a connection Secret when it is missing or differs. @return whether it was written */
  boolean publish(RockOfAges resource, Connection connection) {
    String namespace = resource.getMetadata().getNamespace();
    String name = connection.secretName();
    Secret desired = secret(resource, name, connection.values());
    Secret current = client.secrets().inNamespace(namespace).withName(name).get();
    if (current != null && desired.getData().equals(current.getData())) {
      return false;
    }
    if (current == null) {
      client.secrets().inNamespace(namespace).resource(desired).create();
    } else {
      current.setData(desired.getData());
      client.secrets().inNamespace(namespace).resource(current).update();
    }
    return true;
  }

  private static Secret secret(RockOfAges owner, String name, Map<String, String> values) {
    Map<String, String> data = new LinkedHashMap<>();
    values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(owner.getMetadata().getNamespace())
        .addToLabels(MANAGED_BY, "rockofages").addToLabels(WATCHED_LABEL, "true")
        .addToOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
            .withKind(owner.getKind()).withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata().withType("Opaque").withData(data).build();
  }

  private static Optional<io.rockofages.engine.Secret> value(Secret secret, String key) {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
    String text = encoded != null ? new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8) : plain;
    return text == null || text.isEmpty() ? Optional.empty() : Optional.of(new io.rockofages.engine.Secret(text));
  }
}
