package io.rockofages.components.site;

import io.rockofages.api.StackId;
import io.rockofages.engine.Component;
import io.rockofages.engine.Diff;
import io.rockofages.engine.FieldTable;
import io.rockofages.engine.Lifecycle;
import io.rockofages.engine.Link;
import io.rockofages.engine.Ref;
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
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The site's files in the bucket, exactly the ConfigMap's keys: only objects whose checksum differs
 * are uploaded, objects the ConfigMap no longer has are deleted, and the changed paths are
 * invalidated in CloudFront (one invalidation per change set) when the stack has a distribution.
 * Without a content source the bucket's content is left alone. The objects go with the bucket.
 */
public final class SiteContentComponent extends Component<SiteContentComponent.Desired, SiteContentComponent.StoredObjects>
    implements Component.Creatable<SiteContentComponent.Desired, SiteContentComponent.StoredObjects>,
    Component.Updatable<SiteContentComponent.Desired, SiteContentComponent.StoredObjects> {
  public static final Ref<StoredObjects> REF = Ref.of("site-content", StoredObjects.class);

  /** One file to serve. */
  public record File(byte[] bytes, String md5, String contentType) {
    static File of(String key, byte[] bytes) {
      return new File(bytes, md5Hex(bytes), ContentTypes.of(key));
    }
  }

  /** @param files null when the spec names no content source (nothing is managed) */
  public record Desired(String bucket, Map<String, File> files) {}

  /**
   * @param etags key to ETag (the MD5 of a single-part upload) of every site object in the bucket
   * @param pendingInvalidation paths a pass promised CloudFront and died before invalidating
   */
  public record StoredObjects(String bucket, Map<String, String> etags, Set<String> pendingInvalidation) {
    public StoredObjects(String bucket, Map<String, String> etags) {
      this(bucket, etags, Set.of());
    }
  }

  /**
   * The note of an invalidation owed: written before the uploads it covers and deleted once CloudFront
   * has the paths, so a process that dies in between leaves it for the next pass (which would
   * otherwise find the files in sync and never invalidate them).
   */
  static final String PENDING_INVALIDATION = ".rockofages/invalidation-pending";

  private final FieldTable<Desired, StoredObjects, StackContext> fields =
      FieldTable.<Desired, StoredObjects, StackContext>builder()
          .custom("objects", SiteContentComponent::compareObjects, this::sync)
          .build();

  private final Optional<Link<?, String>> distributionId;

  /** @param distributionId the distribution whose cache forgets changed paths, if the stack has one */
  public SiteContentComponent(Optional<Link<?, String>> distributionId) {
    super(REF, SiteBucketComponent.GROUP, Lifecycle.removedWith(SiteBucketComponent.REF), Stream.concat(
        Stream.of(SiteBucketComponent.REF.ready()), distributionId.map(Link::dependency).stream()).toList());
    this.distributionId = distributionId;
  }

  @Override
  public Desired desired(StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    return new Desired(bucket, ctx.siteContent().map(content -> {
      Map<String, File> files = new TreeMap<>();
      content.forEach((key, bytes) -> files.put(key, File.of(key, bytes)));
      return files;
    }).orElse(null));
  }

  @Override
  public Optional<StoredObjects> observe(StackContext ctx) {
    String bucket = SiteNames.bucket(ctx.stack(), ctx.spec());
    Map<String, String> etags = new TreeMap<>();
    try {
      ctx.s3().listObjectsV2Paginator(r -> r.bucket(bucket)).contents()
          .forEach(o -> etags.put(o.key(), o.eTag().replace("\"", "")));
    } catch (NoSuchBucketException e) {
      return Optional.of(new StoredObjects(bucket, Map.of())); // the bucket comes first in this pass
    }
    if (etags.remove(PENDING_INVALIDATION) == null) {
      return Optional.of(new StoredObjects(bucket, etags));
    }
    Set<String> pending = new TreeSet<>(ctx.s3().getObjectAsBytes(r -> r.bucket(bucket).key(PENDING_INVALIDATION))
        .asUtf8String().lines().filter(line -> !line.isBlank()).toList());
    return Optional.of(new StoredObjects(bucket, etags, pending));
  }

  @Override
  protected FieldTable<Desired, StoredObjects, StackContext> fields() {
    return fields;
  }

  private static Optional<FieldTable.Change> compareObjects(Desired desired, StoredObjects observed) {
    if (desired.files() == null) {
      return Optional.empty();
    }
    Set<String> upload = changed(desired, observed);
    Set<String> remove = removed(desired, observed);
    if (upload.isEmpty() && remove.isEmpty()) {
      return observed.pendingInvalidation().isEmpty() ? Optional.empty()
          : FieldTable.Change.inPlace("invalidation owed for " + observed.pendingInvalidation(), "invalidated");
    }
    return FieldTable.Change.inPlace(describe("delete", remove), describe("upload", upload));
  }

  @Override
  public StoredObjects create(Desired desired, StackContext ctx) {
    StoredObjects empty = new StoredObjects(desired.bucket(), Map.of());
    return update(desired, empty, diff(desired, empty), ctx);
  }

  @Override
  public StoredObjects update(Desired desired, StoredObjects observed, Diff diff, StackContext ctx) {
    if (desired.files() == null) {
      return observed;
    }
    fields.apply(diff, ctx, desired, observed);
    Map<String, String> now = new TreeMap<>();
    desired.files().forEach((key, file) -> now.put(key, file.md5()));
    return new StoredObjects(desired.bucket(), now);
  }

  /**
   * Uploads what changed, deletes what went, and has the CDN forget both (nothing is cached before
   * the first upload), along with whatever an earlier pass owed it.
   */
  private void sync(StackContext ctx, Desired desired, StoredObjects observed) {
    Set<String> upload = changed(desired, observed);
    Set<String> remove = removed(desired, observed);
    Set<String> owed = new TreeSet<>(observed.pendingInvalidation());
    if (!observed.etags().isEmpty()) {
      owed.addAll(upload);
      owed.addAll(remove);
    }
    Optional<String> distribution = distributionId.flatMap(link -> link.read(ctx));
    boolean noted = !observed.pendingInvalidation().isEmpty();
    if (distribution.isPresent() && !owed.equals(observed.pendingInvalidation())) {
      ctx.s3().putObject(r -> r.bucket(desired.bucket()).key(PENDING_INVALIDATION).contentType("text/plain"),
          RequestBody.fromString(String.join("\n", owed)));
      noted = true;
    }
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
    if (distribution.isPresent() && !owed.isEmpty()) {
      invalidate(ctx, distribution.get(), owed);
    }
    if (noted) {
      // Without a distribution any more, nothing is cached that the note could be for.
      ctx.s3().deleteObject(r -> r.bucket(desired.bucket()).key(PENDING_INVALIDATION));
    }
  }

  /** One invalidation for a set of changed object keys. */
  private static void invalidate(StackContext ctx, String distributionId, Set<String> keys) {
    List<String> paths = keys.stream().map(k -> "/" + k).sorted().toList();
    String reference = "roa-" + StackId.sha256Hex(String.join("\n", paths) + ctx.clock().instant()).substring(0, 32);
    ctx.cloudFront().createInvalidation(r -> r.distributionId(distributionId).invalidationBatch(b -> b
        .callerReference(reference).paths(p -> p.quantity(paths.size()).items(paths))));
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
