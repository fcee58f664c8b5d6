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
 * The stack's Secrets: the database master password (referenced by the spec, or generated into a
 * Secret the RockOfAges owns) and the connection Secrets the operator writes for applications. Values only
 * ever go into Secrets: never into status, events or logs.
 */
final class DatabaseSecrets {
  static final String PASSWORD_KEY = "password";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  /** The label of the Secrets the operator watches: its own, and a user's password Secret that carries it. */
  static final String WATCHED_LABEL = "rockofages.io/watched";
  static final String WATCHED = WATCHED_LABEL + "=true";

  private final KubernetesClient client;

  DatabaseSecrets(KubernetesClient client) {
    this.client = client;
  }

  /** The generated master password Secret of a RockOfAges without passwordSecretRef. */
  static String ownedPasswordSecretName(RockOfAges resource) {
    return resource.getMetadata().getName() + "-db-master";
  }

  /** Names of the Secrets whose change matters to this resource (for the Secret watch). */
  static Optional<String> passwordSecretName(RockOfAges resource) {
    DatabaseSpec database = resource.getSpec() == null ? null : resource.getSpec().getDatabase();
    if (database == null) {
      return Optional.empty();
    }
    return Optional.of(database.getPasswordSecretRef() != null ? database.getPasswordSecretRef().getName()
        : ownedPasswordSecretName(resource));
  }

  /** The master password; for a spec without passwordSecretRef it is generated once into an owned Secret. */
  Optional<io.rockofages.engine.Secret> masterPassword(RockOfAges resource) {
    DatabaseSpec database = resource.getSpec().getDatabase();
    if (database == null) {
      return Optional.empty();
    }
    String namespace = resource.getMetadata().getNamespace();
    SecretKeyRef ref = database.getPasswordSecretRef();
    if (ref != null) {
      Secret secret = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
      if (secret == null) {
        throw new StackException(ErrorKind.INVALID, "spec.database.passwordSecretRef: Secret " + ref.getName()
            + " not found in namespace " + namespace);
      }
      return Optional.of(value(secret, ref.getKey()).orElseThrow(() -> new StackException(ErrorKind.INVALID,
          "spec.database.passwordSecretRef: Secret " + ref.getName() + " has no key " + ref.getKey())));
    }
    String name = ownedPasswordSecretName(resource);
    Secret owned = client.secrets().inNamespace(namespace).withName(name).get();
    if (owned != null) {
      return Optional.of(value(owned, PASSWORD_KEY).orElseThrow(() -> new StackException(ErrorKind.INVALID,
          "Secret " + name + " has no key " + PASSWORD_KEY + ": delete it to have a new password generated")));
    }
    io.rockofages.engine.Secret generated = io.rockofages.engine.Secret.generate();
    client.secrets().inNamespace(namespace).resource(secret(resource, name, Map.of(PASSWORD_KEY, generated.value())))
        .create();
    return Optional.of(generated);
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
