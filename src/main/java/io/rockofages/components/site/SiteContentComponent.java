package io.rockofages.components.site;

import io.rockofages.engine.ChangeKind;
import io.rockofages.engine.Component;
import io.rockofages.engine.ComponentGroup;
import io.rockofages.engine.DeleteResult;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldChange;
import io.rockofages.engine.Readiness;
import io.rockofages.engine.StackContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The site's files in the bucket, exactly the ConfigMap's keys: only objects whose checksum differs
 * are uploaded, objects the ConfigMap no longer has are deleted, and the changed paths are
 * invalidated in CloudFront (one invalidation per change set) through the hook the catalog wires.
 * Without a content source the bucket's content is left alone.
 */
public final class SiteContentComponent implements Component<SiteContentComponent.Desired, SiteContentComponent.StoredObjects> {
  public static final String NAME = "site-content";

  /** One file to serve. */
  public record File(byte[] bytes, String md5, String contentType) {
    static File of(String key, byte[] bytes) {
      return new File(bytes, md5Hex(bytes), ContentTypes.of(key));
    }
  }

  /** @param files null when the spec names no content source (nothing is managed) */
  public record Desired(String bucket, Map<String, File> files) {}

  /** Key to ETag (the MD5 of a single-part upload) of every object in the bucket. */
  public record StoredObjects(String bucket, Map<String, String> etags) {}

  private final Consumer<ChangedPaths> invalidate;

  /** What changed in one content update, for the CDN to forget. */
  public record ChangedPaths(StackContext ctx, Set<String> keys) {}

  /** @param invalidate called with the keys uploaded or deleted in one update */
  public SiteContentComponent(Consumer<ChangedPaths> invalidate) {
    this.invalidate = invalidate;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ComponentGroup group() {
    return ComponentGroup.SITE;
  }

  @Override
  public List<String> dependsOn() {
    return List.of(SiteBucketComponent.NAME);
  }

  @Override
  public Desired desired(StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec().getSite());
    return new Desired(bucket, ctx.siteContent().map(content -> {
      Map<String, File> files = new TreeMap<>();
      content.forEach((key, bytes) -> files.put(key, File.of(key, bytes)));
      return files;
    }).orElse(null));
  }

  @Override
  public Optional<StoredObjects> observe(StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec().getSite());
    Map<String, String> etags = new TreeMap<>();
    try {
      ctx.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
          .forEach(o -> etags.put(o.key(), o.eTag().replace("\"", "")));
    } catch (NoSuchBucketException e) {
      return Optional.of(new StoredObjects(bucket, Map.of())); // the bucket comes first in this pass
    }
    return Optional.of(new StoredObjects(bucket, etags));
  }

  @Override
  public Diff diff(Desired desired, StoredObjects observed) {
    if (desired.files() == null) {
      return Diff.none();
    }
    Set<String> upload = changed(desired, observed);
    Set<String> remove = removed(desired, observed);
    if (upload.isEmpty() && remove.isEmpty()) {
      return Diff.none();
    }
    return new Diff(List.of(new FieldChange("objects", describe("delete", remove), describe("upload", upload),
        ChangeKind.IN_PLACE)));
  }

  @Override
  public Readiness readiness(StoredObjects observed) {
    return Readiness.ready();
  }

  @Override
  public StoredObjects create(Desired desired, StackContext ctx) {
    return update(desired, new StoredObjects(desired.bucket(), Map.of()), Diff.none(), ctx);
  }

  @Override
  public StoredObjects update(Desired desired, StoredObjects observed, Diff diff, StackContext ctx) {
    if (desired.files() == null) {
      return observed;
    }
    Set<String> upload = changed(desired, observed);
    Set<String> remove = removed(desired, observed);
    for (String key : upload) {
      File file = desired.files().get(key);
      ctx.s3().putObject(r -> r.bucket(desired.bucket()).key(key).contentType(file.contentType())
          .contentMD5(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(file.md5()))),
          RequestBody.fromBytes(file.bytes()));
    }
    if (!remove.isEmpty()) {
      ctx.s3().deleteObjects(r -> r.bucket(desired.bucket()).delete(d -> d.quiet(true).objects(remove.stream()
          .map(k -> ObjectIdentifier.builder().key(k).build()).toList())));
    }
    Set<String> touched = new TreeSet<>(upload);
    touched.addAll(remove);
    if (!touched.isEmpty() && !observed.etags().isEmpty()) {
      invalidate.accept(new ChangedPaths(ctx, touched)); // first upload: nothing cached yet
    }
    Map<String, String> now = new TreeMap<>();
    desired.files().forEach((key, file) -> now.put(key, file.md5()));
    return new StoredObjects(desired.bucket(), now);
  }

  /** The bucket's deletion empties it. */
  @Override
  public DeleteResult delete(StoredObjects observed, StackContext ctx) {
    return DeleteResult.gone("removed with the bucket");
  }

  @Override
  public String id(StoredObjects observed) {
    return observed.bucket() + " (" + observed.etags().size() + " objects)";
  }

  private static Set<String> changed(Desired desired, StoredObjects observed) {
    Set<String> keys = new TreeSet<>();
    desired.files().forEach((key, file) -> {
      if (!file.md5().equals(observed.etags().get(key))) {
        keys.add(key);
      }
    });
    return keys;
  }

  private static Set<String> removed(Desired desired, StoredObjects observed) {
    Set<String> keys = new TreeSet<>(observed.etags().keySet());
    keys.removeAll(desired.files().keySet());
    return keys;
  }

  private static String describe(String verb, Set<String> keys) {
    return keys.isEmpty() ? "(none)" : verb + " " + keys;
  }

  static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every JDK", e);
    }
  }
}
