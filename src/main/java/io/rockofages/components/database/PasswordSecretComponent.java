package io.rockofages.components.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.StackException;
import io.rockofages.aws.Tags;
import io.rockofages.engine.Component;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable.Change;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Ref;
import io.rockofages.engine.Secret;
import io.rockofages.engine.StackContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When the spec brings its own master password (spec.database.passwordSecretRef), the stack keeps
 * it in a Secrets Manager secret of its own, in the JSON shape RDS uses for the secrets it manages
 * ({"username", "password"}), so the API host reads it the same way in both modes and never gets it
 * in user data. A fingerprint tag says whether the value is current without reading it back.
 */
public final class PasswordSecretComponent extends Component<PasswordSecretComponent.Desired, PasswordSecretState>
    implements Component.Creatable<PasswordSecretComponent.Desired, PasswordSecretState>,
    Component.Updatable<PasswordSecretComponent.Desired, PasswordSecretState>,
    Component.Deletable<PasswordSecretState> {
  public static final Ref<PasswordSecretState> REF = Ref.of("database-password-secret", PasswordSecretState.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param value the secret string (username and password as JSON): never printed */
  public record Desired(String name, Secret value) {}

  /** What one update writes. */
  private static final class SecretWork {
    boolean restore;
    boolean putValue;
  }

  private static final FieldTable<Desired, PasswordSecretState, SecretWork> FIELDS =
      FieldTable.<Desired, PasswordSecretState, SecretWork>builder()
          .custom("scheduledForDeletion", (d, o) -> o.scheduledForDeletion() ? Change.inPlace(true, false)
              : Optional.empty(), (work, d, o) -> work.restore = true)
          .custom("value", (d, o) -> PasswordFingerprint.matches(d.value(), o.fingerprint()) ? Optional.empty()
              : Change.inPlace("(previous)", "(from the Secret)"), (work, d, o) -> work.putValue = true)
          .build();

  /** Kept with the database when it is retained: the password is then still where the host reads it. */
  public PasswordSecretComponent() {
    super(REF, DatabaseComponent.GROUP, Lifecycle.neverReplaced().keptWhen(DatabaseComponent::retention), List.of());
  }

  /** The secret's ARN, for the API host's role and environment. */
  public static Link<PasswordSecretState, String> arnLink() {
    return new Link<>(REF.ready(), (secret, ctx) -> secret.arn());
  }

  @Override
  public Desired desired(StackContext ctx) {
    Secret password = ctx.databasePassword().orElseThrow(() -> new IllegalStateException(
        "spec.database.passwordSecretRef is set but the driver supplied no password"));
    return new Desired(DatabaseNames.passwordSecret(ctx.stack()),
        secretString(ctx.spec().getDatabase().getMasterUsername(), password));
  }

  @Override
  public Optional<PasswordSecretState> observe(StackContext ctx) {
    String name = DatabaseNames.passwordSecret(ctx.stack());
    return Ownership.findOwned(ctx.stack(), "secret " + name, () -> Optional.of(ctx.secretsManager()
        .describeSecret(r -> r.secretId(name))), secret -> Tags.fromSecretsManager(secret.tags()),
        secret -> ctx.ifLastReported(name(), secret.arn()), secret -> ctx.secretsManager().tagResource(r -> r
            .secretId(secret.arn()).tags(Tags.secretsManager(ctx.ownershipTags(name(), name)))),
        secret -> new PasswordSecretState(secret.name(), secret.arn(), Tags.fromSecretsManager(secret.tags())
            .get(DatabaseComponent.PASSWORD_TAG), secret.deletedDate() != null));
  }

  @Override
  protected FieldTable<Desired, PasswordSecretState, SecretWork> fields() {
    return FIELDS;
  }

  @Override
  public PasswordSecretState create(Desired desired, StackContext ctx) {
    Map<String, String> tags = ctx.ownershipTags(name(), desired.name());
    String fingerprint = PasswordFingerprint.create(desired.value());
    tags.put(DatabaseComponent.PASSWORD_TAG, fingerprint);
    String arn = ctx.secretsManager().createSecret(r -> r.name(desired.name()).secretString(desired.value().value())
        .description("Database master password of rockofages stack " + ctx.stack() + ", read by its API host")
        .tags(Tags.secretsManager(tags))).arn();
    return new PasswordSecretState(desired.name(), arn, fingerprint, false);
  }

  /** The value is written before its fingerprint: a crash in between writes it again, never skips it. */
  @Override
  public PasswordSecretState update(Desired desired, PasswordSecretState observed, Diff diff, StackContext ctx) {
    SecretWork work = FIELDS.apply(diff, new SecretWork(), desired, observed);
    if (work.restore) {
      ctx.secretsManager().restoreSecret(r -> r.secretId(observed.arn()));
    }
    String fingerprint = observed.fingerprint();
    if (work.putValue) {
      ctx.secretsManager().putSecretValue(r -> r.secretId(observed.arn()).secretString(desired.value().value()));
      fingerprint = PasswordFingerprint.create(desired.value());
      String tag = fingerprint;
      ctx.secretsManager().tagResource(r -> r.secretId(observed.arn()).tags(Tags.secretsManager(
          Map.of(DatabaseComponent.PASSWORD_TAG, tag))));
    }
    return new PasswordSecretState(observed.name(), observed.arn(), fingerprint, false);
  }

  /** The password is also in the Kubernetes Secret it came from: no recovery window to wait out. */
  @Override
  public DeleteResult delete(PasswordSecretState observed, StackContext ctx) {
    ctx.secretsManager().deleteSecret(r -> r.secretId(observed.arn()).forceDeleteWithoutRecovery(true));
    return DeleteResult.gone("deleted " + observed.name());
  }

  @Override
  public String id(PasswordSecretState observed) {
    return observed.arn();
  }

  /** The password in a secret of that shape (the one RDS manages, when the connection Secret publishes it). */
  static Secret readPassword(StackContext ctx, String secretArn) {
    if (secretArn == null) {
      throw new StackException(ErrorKind.RETRYABLE, "RDS has not named the secret of the master password yet");
    }
    String secretString = ctx.secretsManager().getSecretValue(r -> r.secretId(secretArn)).secretString();
    try {
      return new Secret(JSON.readTree(secretString).path("password").asText());
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StackException(ErrorKind.INVALID, "secret " + secretArn + " holds no JSON with a password");
    }
  }

  /** The JSON RDS writes into the secrets it manages, so readers parse one shape. */
  static Secret secretString(String username, Secret password) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", username);
    fields.put("password", password.value());
    try {
      return new Secret(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("two strings always serialize", e);
    }
  }
}
