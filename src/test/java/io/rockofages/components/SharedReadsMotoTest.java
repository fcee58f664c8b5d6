package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.Actor;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.Tags;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.MutableClock;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.Inventory;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.engine.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.cloudfront.model.ListDistributionsResponse;
import software.amazon.awssdk.services.cloudfront.model.PriceClass;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsRequest;
import software.amazon.awssdk.services.iam.model.IamException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stacks of one process share what they read of the VPC's network, of the API instances and of
 * the security groups while it is fresh: a second stack's steady pass reads none of it; whatever a
 * stack writes is forgotten, so the writer's next pass sees AWS again.
 */
class SharedReadsMotoTest {
  private static final List<String> SHARED = List.of("DescribeVpcs", "DescribeInternetGateways",
      "DescribeRouteTables", "DescribeSubnets", "DescribeInstances", "DescribeSecurityGroups");
  private static final SharedReads.Windows AN_HOUR = new SharedReads.Windows(Duration.ofHours(1), Duration.ofHours(1));
  private static final SharedReads.Windows LOOK_5S_ROUND_15S =
      new SharedReads.Windows(Duration.ofSeconds(5), Duration.ofSeconds(15));
  private final MotoServer moto = MotoServer.get();
  private final AwsCallMeter meter = new AwsCallMeter();
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void resetMoto() {
    moto.reset();
  }

  @Test
  void aSecondStacksSteadyPassReadsNoneOfWhatTheFirstJustReadAndAWriterReadsItsOwnPartAloneAfterItsWrite() {
    try (AwsClients making = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      readyMinimal("one", making);
      readyMinimal("two", making);
    }
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      Passes first = shop("one", aws);
      Passes second = shop("two", aws);
      RockOfAgesSpec spec = Specs.minimal();
      first.reconcile(spec);

      meter.reset();
      PassResult steady = second.reconcile(spec);

      assertTrue(steady.allReady() && !steady.hasChanges(), steady.outcomes().toString());
      assertEquals(0, SHARED.stream().mapToLong(meter::count).sum(), meter.snapshot().toString());

      RockOfAgesSpec withSsh = Specs.minimal();
      withSsh.getApi().getSsh().setCidrs(List.of("203.0.113.0/24"));
      second.reconcileUntilReady(withSsh);
      meter.reset();
      first.reconcile(spec);
      assertEquals(0, meter.count("DescribeSecurityGroups"), "the second stack's write left the first's part: "
          + meter.snapshot());

      PassResult afterItsWrite = second.reconcile(withSsh);
      assertTrue(afterItsWrite.allReady() && !afterItsWrite.hasChanges(), afterItsWrite.outcomes().toString());
      assertEquals(1, meter.count("DescribeSecurityGroups"), "the writer reads its group again: " + meter.snapshot());
      second.reconcile(withSsh);
      assertEquals(1, meter.count("DescribeSecurityGroups"), "and keeps it for its passes until it writes again");
      assertEquals(0, meter.count("DescribeInstances"), "what nobody changed is still shared");
    }
  }

  /** Every stack's instances are one DescribeInstances call past a hundred stacks (moto's default page). */
  @Test
  void everyStacksInstancesAreListedInOneCallPastAHundred() {
    try (AwsClients aws = new AwsClients(moto.settings(), meter)) {
      AwsServices plain = aws.forRegion(MotoServer.REGION);
      Passes passes = new Passes(new StackId("shop", "one"), sharedOn(plain, clock));
      passes.reconcileUntilReady(Specs.minimal());
      String image = plain.ec2().describeInstances().reservations().get(0).instances().get(0).imageId();
      for (int other = 0; other < 100; other++) { // a reservation each, as stacks launch them: what a page counts
        StackId stack = new StackId("shop", "other-" + other);
        plain.ec2().runInstances(r -> r.imageId(image).minCount(1).maxCount(1).tagSpecifications(
            Ownership.ec2TagSpec(ResourceType.INSTANCE, Map.of(Ownership.STACK_TAG, stack.tagValue()))));
      }

      clock.advance(Duration.ofSeconds(6));
      meter.reset();
      assertTrue(passes.reconcile(Specs.minimal()).allReady());
      assertEquals(1, meter.count("DescribeInstances"), meter.snapshot().toString());
    }
  }

  /**
   * Stacks being made or changed at once: a stack that writes its role (a database added: the role
   * may now read its password) makes no other stack read its own role again.
   */
  @Test
  void aStacksRoleWriteLeavesTheOtherStacksRolesAsTheyConfirmedThem() {
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      Passes first = readyMinimal("one", aws);
      Passes second = readyMinimal("two", aws);
      RockOfAgesSpec spec = Specs.minimal();
      RockOfAgesSpec withDatabase = Specs.minimal();
      withDatabase.setDatabase(Specs.fullStack().getDatabase());

      meter.reset();
      second.reconcileUntilReady(withDatabase);
      assertEquals(1, meter.count("PutRolePolicy"), "the second stack wrote its role: " + meter.snapshot());
      meter.reset();
      PassResult steady = first.reconcile(spec);

      assertTrue(steady.allReady() && !steady.hasChanges(), steady.outcomes().toString());
      assertEquals(Map.of(), iamCalls(), "the first stack's role and profile stand as it confirmed them");
    }
  }

  @Test
  void aSecondFullStacksSteadyPassMakesNoEc2RdsCloudFrontOrIamCallAndReadsNoOwnershipTagsAgain() {
    Map<String, String> files = Map.of("index.html", "<h1>Rock</h1>");
    RockOfAgesSpec spec = Specs.fullStack();
    try (AwsClients making = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      shop("one", making).withSiteContent(files).reconcileUntilReady(spec);
      shop("two", making).withSiteContent(files).reconcileUntilReady(spec);
    }
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      Passes first = shop("one", aws).withSiteContent(files);
      Passes second = shop("two", aws).withSiteContent(files);
      second.reconcile(spec);
      first.reconcile(spec);

      meter.reset();
      PassResult steady = second.reconcile(spec);

      assertTrue(steady.allReady() && !steady.hasChanges(), steady.outcomes().toString());
      assertEquals(Map.of(), meter.snapshot().entrySet().stream()
          .filter(call -> Set.of("Ec2", "Rds", "CloudFront", "Iam").contains(call.getKey().service()))
          .collect(Collectors.toMap(call -> call.getKey().toString(), Map.Entry::getValue)),
          "EC2, RDS and CloudFront answer from what the first stack's pass read, IAM from what the stack confirmed");
      assertEquals(0, meter.count("GetBucketTagging") + meter.count("ListTagsForResource"),
          "ownership once confirmed is not read again: " + meter.snapshot());
      assertEquals(0, meter.count("GetResources"), "nor what the stack owns, while it writes nothing");

      try (AwsClients restarted = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
        meter.reset();
        for (String name : List.of("one", "two")) {
          PassResult afterRestart = shop(name, restarted).withSiteContent(files).reconcile(spec);
          assertTrue(afterRestart.allReady() && !afterRestart.hasChanges(), afterRestart.outcomes().toString());
        }
        assertEquals(1, meter.count("DescribeSecurityGroups"),
            "one listing serves the API host's and the database's groups: " + meter.snapshot());
        assertEquals(4, meter.count("GetResources"), "one listing serves every stack's inventory, one every "
            + "stack's subnet group tags, one their distributions', one their buckets': " + meter.snapshot());
        assertEquals(0, meter.count("GetBucketTagging"), "no bucket's tags read alone");
        assertEquals(Map.of("Rds", 2L), meter.snapshot().entrySet().stream()
            .filter(call -> call.getKey().operation().equals("ListTagsForResource"))
            .collect(Collectors.toMap(call -> call.getKey().service(), Map.Entry::getValue, Long::sum)),
            "no distribution's tags read alone (nor would a subnet group's be, but moto's tagging API does not "
            + "list them)");
        assertEquals(Map.of("GetAccountAuthorizationDetails", 1L), iamCalls(),
            "one listing serves every stack's role and instance profile");
        var tagging = restarted.tagging(MotoServer.REGION);
        assertEquals(Set.copyOf(Inventory.read(tagging, new StackId("shop", "two")).resources()),
            Set.copyOf(Inventory.readEvery(tagging).get(new StackId("shop", "two").tagValue()).resources()),
            "a stack's part of every stack's inventory is what it lists alone");
      }

      RockOfAgesSpec biggerDatabase = Specs.fullStack();
      biggerDatabase.getDatabase().setAllocatedStorage(spec.getDatabase().getAllocatedStorage() + 10);
      second.reconcile(biggerDatabase);
      meter.reset();
      first.reconcile(spec);
      assertEquals(0, meter.count("DescribeDBInstances"), "the second stack's write left the listing to the first: "
          + meter.snapshot());
      assertEquals(0, meter.count("DescribeDBSubnetGroups"), "what nobody changed is still shared");
      assertEquals(0, meter.count("GetResources"), "the first stack's inventory stands: it did not write");
      PassResult afterItsWrite = second.reconcile(biggerDatabase);
      assertTrue(afterItsWrite.allReady() && !afterItsWrite.hasChanges(), afterItsWrite.outcomes().toString());
      assertEquals(1, meter.count("DescribeDBInstances"), "the writer reads its database alone: " + meter.snapshot());
      assertEquals(1, meter.count("GetResources"), "the second's is read again after its write");
    }
  }

  @Test
  void aStackAnotherOperatorMadeAfterEveryStacksInventoryWasListedIsSeenAtOnceAndLeftAlone() {
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter);
        AwsClients otherOperators = new AwsClients(moto.settings(), new AwsCallMeter())) {
      RockOfAgesSpec spec = Specs.minimal();
      shop("one", aws).as(Actor.operator("prod")).reconcileUntilReady(spec);
      Passes staging = shop("two", otherOperators).as(Actor.operator("staging"));
      staging.reconcileUntilReady(spec);
      staging.reconcile(spec);

      meter.reset();
      PassResult two = shop("two", aws).as(Actor.operator("prod")).reconcile(spec);

      assertTrue(two.outcomes().get(0).message().endsWith("one actor per stack"), two.outcomes().toString());
      assertEquals(0, meter.mutatingCalls(), meter.snapshot().toString());
    }
  }

  /**
   * A stack whose distribution is not in its status yet searches every distribution of the account;
   * moto returns no comments to narrow the search, so it looks at their tags: every stack's from one
   * tagging-API listing, any other's read alone, once for all passes, whatever the stacks write.
   */
  @Test
  void searchingForItsDistributionAStackReadsEveryStacksDistributionTagsInOneListingAndAnyOthersOnce() {
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter);
        AwsClients otherProcess = new AwsClients(moto.settings(), new AwsCallMeter())) {
      RockOfAgesSpec spec = Specs.fullStack();
      Map<String, String> files = Map.of("index.html", "<h1>Rock</h1>");
      shop("one", otherProcess).withSiteContent(files).reconcileUntilReady(spec);
      Passes newcomer = shop("two", aws).withSiteContent(files);

      DistributionComponent distribution = new DistributionComponent(true);

      meter.reset();
      assertTrue(distribution.observe(newcomer.context(spec)).isEmpty(), "the newcomer has none yet");
      assertTrue(distribution.observe(newcomer.context(spec)).isEmpty());

      assertEquals(0, meter.count("ListTagsForResource"), meter.snapshot().toString());
      assertEquals(1, meter.count("GetResources"), "the first stack's distribution's tags, from one listing");
      assertEquals(1, meter.count("ListDistributions"), "one listing for both searches");

      var cloudFront = otherProcess.cloudFront();
      String arn = cloudFront.listDistributions(r -> { }).distributionList().items().get(0).arn();
      cloudFront.untagResource(r -> r.resource(arn).tagKeys(k -> k.items(Ownership.STACK_TAG)));
      try (AwsClients restarted = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
        Passes afterRestart = shop("two", restarted).withSiteContent(files);
        meter.reset();
        assertTrue(distribution.observe(afterRestart.context(spec)).isEmpty());
        assertTrue(distribution.observe(afterRestart.context(spec)).isEmpty());
        assertEquals(1, meter.count("ListTagsForResource"), "a distribution no stack's tag marks, read alone once: "
            + meter.snapshot());

        restarted.shared().forStack("shop/three").forget(DistributionComponent.REF.name());
        assertTrue(distribution.observe(afterRestart.context(spec)).isEmpty());
        assertEquals(1, meter.count("ListTagsForResource"), "another stack's write of its distribution (many "
            + "stacks being made) leaves what the search learnt of whose the others are: " + meter.snapshot());
      }
    }
  }

  /**
   * Shared, a distribution's configuration is read again only when the listing says CloudFront
   * modified it (moto never moves LastModifiedTime, so an interceptor plays CloudFront's part), or
   * once the confirmed window is over.
   */
  @Test
  void aDistributionsConfigurationIsReadAgainWhenCloudFrontSaysItWasModified() {
    Map<String, Instant> lastModified = new ConcurrentHashMap<>();
    try (AwsClients aws = new AwsClients(moto.settings(), meter, List.of(cloudFrontsClock(lastModified)))) {
      AwsServices plain = aws.forRegion(MotoServer.REGION);
      Passes passes = new Passes(new StackId("shop", "one"), sharedOn(plain, clock))
          .withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));
      RockOfAgesSpec spec = Specs.fullStack();
      spec.setDatabase(null);
      passes.reconcileUntilReady(spec);
      String id = passes.reconcile(spec).outcome("cdn-distribution").orElseThrow().id();
      var current = plain.cloudFront().getDistributionConfig(r -> r.id(id));
      plain.cloudFront().updateDistribution(r -> r.id(id).ifMatch(current.eTag()).distributionConfig(current
          .distributionConfig().toBuilder().priceClass(PriceClass.PRICE_CLASS_ALL).build()));

      clock.advance(Duration.ofSeconds(6));
      meter.reset();
      assertEquals(List.of(), passes.plan(spec).outcome("cdn-distribution").orElseThrow().changes(),
          "the listing says nothing was modified: the configuration read before stands");
      assertEquals(List.of(1L, 0L), List.of(meter.count("ListDistributions"), meter.count("GetDistribution")));

      lastModified.put(id, NEVER_MODIFIED.plusSeconds(60));
      clock.advance(Duration.ofSeconds(6));
      meter.reset();
      assertEquals(List.of("priceClass"), passes.plan(spec).outcome("cdn-distribution").orElseThrow().changes()
          .stream().map(FieldChange::field).toList());
      assertEquals(1, meter.count("GetDistribution"), meter.snapshot().toString());

      clock.advance(SharedReads.CONFIRMED_FOR);
      meter.reset();
      passes.plan(spec);
      assertEquals(1, meter.count("GetDistribution"), "read again once the confirmed window is over");
      assertEquals(List.of(3L, 0L, 0L), List.of(meter.count("GetResources"), meter.count("ListTagsForResource"),
          meter.count("GetBucketTagging")), "its ownership too, from the listing of every stack's distribution "
          + "tags (and their buckets', and the inventory)");
    }
  }

  /**
   * Status keeps a fingerprint of the distribution's configuration with the modification it was seen
   * at: a restarted operator takes a distribution unchanged since, for a spec unchanged since, as the
   * spec asks (no read), and reads it within the confirmed window; one modified since, or whose spec
   * changed, it reads at once.
   */
  @Test
  void afterARestartADistributionUnchangedSinceStatusSawItIsNotReadUntilTheConfirmedWindowEnds() {
    Map<String, Instant> lastModified = new ConcurrentHashMap<>();
    try (AwsClients aws = new AwsClients(moto.settings(), meter, List.of(cloudFrontsClock(lastModified)))) {
      AwsServices plain = aws.forRegion(MotoServer.REGION);
      SharedReads beforeRestart = new SharedReads(LOOK_5S_ROUND_15S, clock);
      RockOfAgesSpec spec = Specs.fullStack();
      spec.setDatabase(null);
      List<Passes> stacks = new ArrayList<>();
      for (String name : List.of("one", "two")) {
        Passes passes = new Passes(new StackId("shop", name), sharedOn(plain, beforeRestart))
            .withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));
        passes.reconcileUntilReady(spec);
        stacks.add(passes);
      }
      var reported = stacks.get(1).reconcile(spec).outcome("cdn-distribution").orElseThrow();
      assertTrue(reported.version().matches(NEVER_MODIFIED + " [0-9a-f]{16}"), reported.version());

      SharedReads afterRestart = new SharedReads(LOOK_5S_ROUND_15S, clock);
      Passes one = stacks.get(0).restartedOn(sharedOn(plain, afterRestart));
      Passes two = stacks.get(1).restartedOn(sharedOn(plain, afterRestart));
      lastModified.put(reported.id(), NEVER_MODIFIED.plusSeconds(60));
      meter.reset();
      PassResult unchanged = one.reconcile(spec);
      assertTrue(unchanged.allReady() && !unchanged.hasChanges(), unchanged.outcomes().toString());
      assertEquals(0, meter.count("GetDistribution") + meter.count("GetDistributionConfig"),
          meter.snapshot().toString());
      PassResult modified = two.reconcile(spec);
      assertTrue(modified.allReady() && !modified.hasChanges(), modified.outcomes().toString());
      assertEquals(1, meter.count("GetDistribution"), "modified since status saw it: read");

      RockOfAgesSpec newIndex = Specs.fullStack();
      newIndex.setDatabase(null);
      newIndex.getSite().setIndexDocument("home.html");
      meter.reset();
      assertEquals(List.of("defaultRootObject: index.html -> home.html"), stacks.get(0)
          .restartedOn(sharedOn(plain, new SharedReads(LOOK_5S_ROUND_15S, clock))).plan(newIndex)
          .outcome("cdn-distribution").orElseThrow().changes().stream().map(FieldChange::toString).toList());
      assertEquals(1, meter.count("GetDistribution"), "the spec changed since status saw it: read to be compared");

      clock.advance(SharedReads.CONFIRMED_FOR);
      meter.reset();
      one.reconcile(spec);
      assertEquals(1, meter.count("GetDistribution"), "read within the confirmed window after the start");
    }
  }

  /**
   * After a start, the subnet group and bucket a stack's status reports are taken as tagged for it
   * where the tagging API's listing does not show them (moto's lists no subnet groups), so a start
   * with many stacks does not read each one's tags; each is read within the confirmed window, and
   * the tags lost meanwhile are put back then.
   */
  @Test
  void afterARestartWhatStatusReportsIsTakenAsTheStacksOwnAndItsTagsAreReadWithinTheConfirmedWindow() {
    try (AwsClients aws = new AwsClients(moto.settings(), meter)) {
      AwsServices plain = aws.forRegion(MotoServer.REGION);
      RockOfAgesSpec spec = Specs.fullStack();
      spec.setSite(null);
      Passes beforeRestart = new Passes(new StackId("shop", "one"), sharedOn(plain, clock));
      String group = beforeRestart.reconcileUntilReady(spec).outcome("database-subnet-group").orElseThrow().id();
      String groupArn = plain.rds().describeDBSubnetGroups(r -> r.dbSubnetGroupName(group)).dbSubnetGroups().get(0)
          .dbSubnetGroupArn();

      Passes restarted = beforeRestart.restartedOn(sharedOn(plain, clock));
      meter.reset();
      PassResult first = restarted.reconcile(spec);
      assertTrue(first.allReady() && !first.hasChanges(), first.outcomes().toString());
      assertEquals(0, meter.count("ListTagsForResource"), "the group status reports is taken as the stack's: "
          + meter.snapshot());

      plain.rds().removeTagsFromResource(r -> r.resourceName(groupArn).tagKeys(Ownership.STACK_TAG));
      restarted.reconcile(spec);
      assertEquals(0, meter.count("AddTagsToResource"), "a tag lost is not seen before the group's turn to be read");
      clock.advance(SharedReads.CONFIRMED_FOR);
      meter.reset();
      restarted.reconcile(spec);
      assertEquals(List.of(2L, 1L), List.of(meter.count("ListTagsForResource"), meter.count("AddTagsToResource")),
          "read within the confirmed window, the lost tag put back, and read again: " + meter.snapshot());
      assertEquals("shop/one", Tags.fromRds(plain.rds().listTagsForResource(r -> r
          .resourceName(groupArn)).tagList()).get(Ownership.STACK_TAG));
    }
  }

  /**
   * Taken from the listing after a start, a distribution has only the ETag the listing shows (moto's
   * shows none): deleting it, disabled already, reads the ETag CloudFront's delete must quote. (A
   * website origin's: a private origin's desired state, while torn down, no longer knows its origin
   * access control, so the distribution is read.)
   */
  @Test
  void aDisabledDistributionTakenFromTheListingAfterARestartIsDeletedWithTheETagItThenReads() {
    try (AwsClients aws = new AwsClients(moto.settings(), meter, List.of(cloudFrontsClock(Map.of())))) {
      AwsServices plain = aws.forRegion(MotoServer.REGION);
      RockOfAgesSpec spec = Specs.fullStack();
      spec.setDatabase(null);
      spec.getSite().setAccess(SiteSpec.Access.PublicWebsite);
      spec.getSite().getCdn().setEnabled(false);
      Passes passes = new Passes(new StackId("shop", "one"), sharedOn(plain, clock))
          .withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));
      passes.reconcileUntilReady(spec);
      passes.reconcile(spec);

      Passes restarted = passes.restartedOn(sharedOn(plain, clock));
      meter.reset();
      restarted.destroyUntilGone(spec);
      assertEquals(List.of(), plain.cloudFront().listDistributions(r -> { }).distributionList().items());
      assertEquals(List.of(0L, 1L), List.of(meter.count("GetDistribution"), meter.count("GetDistributionConfig")),
          "taken from the listing, the ETag read to delete: " + meter.snapshot());
      assertEquals(List.of(), meter.snapshot().keySet().stream().filter(call -> !call.outcome().equals("success")
          && !call.outcome().startsWith("NoSuch") && !call.outcome().endsWith("NotFound")).toList(),
          "nothing refused on the way");
    }
  }

  @Test
  void aConfirmedAnswerServesForTheConfirmedWindowAndOneThatDoesNotConfirmIsReadAgain() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger reads = new AtomicInteger();

    SharedReads.ForStack own = shared.forStack("shop/one");

    own.confirmed("bucket", "tags", reads::incrementAndGet, n -> n > 1);
    own.confirmed("bucket", "tags", reads::incrementAndGet, n -> n > 1);
    assertEquals(2, reads.get(), "the first answer did not confirm");
    clock.advance(SharedReads.CONFIRMED_FOR.minusSeconds(1));
    assertEquals(2, own.confirmed("bucket", "tags", reads::incrementAndGet, n -> n > 1), "the second did");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(3, own.confirmed("bucket", "tags", reads::incrementAndGet, n -> n > 1), "until its window ends");
  }

  /**
   * What status reports serves instead of a read once, until its turn within the confirmed window,
   * and only in the window after the process's start; a write forgets it as it does a read.
   */
  @Test
  void whatStatusReportsServesOnceAfterAStartUntilItsTurnWithinTheConfirmedWindow() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger reads = new AtomicInteger();
    SharedReads.ForStack own = shared.forStack("shop/one");

    own.startFrom("bucket", "tags", () -> Optional.of(0));
    assertEquals(0, own.confirmed("bucket", "tags", reads::incrementAndGet, n -> true), "as status reported it");
    own.forget("bucket");
    own.startFrom("bucket", "tags", () -> Optional.of(0));
    assertEquals(1, own.confirmed("bucket", "tags", reads::incrementAndGet, n -> true), "once only: a write forgot it");

    own.startFrom("database", "tags", () -> Optional.of(0));
    clock.advance(SharedReads.CONFIRMED_FOR.plusSeconds(1));
    assertEquals(2, own.confirmed("database", "tags", reads::incrementAndGet, n -> true), "its turn came");

    own.startFrom("subnet-group", "tags", () -> Optional.of(0));
    assertEquals(3, own.confirmed("subnet-group", "tags", reads::incrementAndGet, n -> true),
        "the start is over: what status reports is read");
  }

  private record Listed(String stack, String state) {}

  @Test
  void theWatchNamesTheStacksWhosePartOfAListingChangedAndForgetsListingsNoPassAsksFor() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicReference<List<Listed>> aws = new AtomicReference<>(List.of(new Listed("shop/one", "running"),
        new Listed("shop/two", "running"), new Listed(null, "someone else's")));
    AtomicInteger reads = new AtomicInteger();
    Supplier<List<Listed>> listing = () -> {
      reads.incrementAndGet();
      return Optional.ofNullable(aws.get()).orElseThrow(() -> new IllegalStateException("AWS did not answer"));
    };
    SharedReads.Watch<Listed> watch = new SharedReads.Watch<>(Listed::stack, Listed::state);
    List<RuntimeException> failures = new ArrayList<>();

    shared.watched("api-instance", "in us-east-1", listing, watch);
    assertEquals(Set.of(), look(shared, failures), "nothing changed since the pass read");
    aws.set(List.of(new Listed("shop/one", "terminated"), new Listed("shop/two", "running"),
        new Listed(null, "someone else's, changed")));
    assertEquals(Set.of("shop/one"), look(shared, failures));
    aws.set(List.of(new Listed("shop/one", "terminated"), new Listed("shop/two", "running"),
        new Listed("shop/three", "pending")));
    assertEquals(Set.of("shop/three"), look(shared, failures), "a new stack's part");
    aws.set(List.of(new Listed("shop/one", "terminated")));
    assertEquals(Set.of("shop/two", "shop/three"), look(shared, failures),
        "parts that went");
    assertEquals(5, reads.get(), "the pass's read and four looks");
    assertEquals(List.of(new Listed("shop/one", "terminated")), shared.watched("api-instance", "in us-east-1", listing,
        watch), "a pass is served the watch's last answer");
    assertEquals(5, reads.get());

    aws.set(null);
    look(shared, failures);
    assertEquals(1, failures.size(), "a listing that cannot be read is reported: " + failures);
    clock.advance(Duration.ofMinutes(2));
    look(shared, failures);
    assertEquals(6, reads.get(), "no pass asked for it within a minute: no longer read");
    look(shared, failures);
    assertEquals(6, reads.get());
  }

  /**
   * A look tells of a stack as soon as the listing it changed in is read, not after the look's other
   * listings (each can take seconds of a busy AWS); a stack changed in two listings is told of twice,
   * so that a pass started from the first sees the second too.
   */
  @Test
  void aLookTellsOfAChangedStackAsSoonAsTheListingItChangedInIsRead() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    Map<String, List<Listed>> aws = new ConcurrentHashMap<>(Map.of(
        "instances", List.of(new Listed("shop/one", "running"), new Listed("shop/two", "running")),
        "groups", List.of(new Listed("shop/one", "open"), new Listed("shop/two", "open"))));
    List<String> told = new ArrayList<>();
    Map<String, List<String>> toldBeforeRead = new ConcurrentHashMap<>();
    SharedReads.Watch<Listed> watch = new SharedReads.Watch<>(Listed::stack, Listed::state);
    for (String listing : aws.keySet()) {
      shared.watched(listing, "in us-east-1", () -> {
        toldBeforeRead.put(listing, List.copyOf(told));
        return aws.get(listing);
      }, watch);
    }
    aws.put("instances", List.of(new Listed("shop/one", "terminated"), new Listed("shop/two", "running")));
    aws.put("groups", List.of(new Listed("shop/one", "closed"), new Listed("shop/two", "closed")));

    shared.refresh(Duration.ofMinutes(1), told::add, e -> { throw e; });

    assertEquals(List.of("shop/one", "shop/one", "shop/two"), told.stream().sorted().toList());
    boolean instancesFirst = toldBeforeRead.get("groups").size() > toldBeforeRead.get("instances").size();
    assertEquals(instancesFirst ? List.of("shop/one") : List.of("shop/one", "shop/two"),
        toldBeforeRead.get(instancesFirst ? "groups" : "instances").stream().sorted().toList(),
        "the first listing's stacks were told before the second was read: " + toldBeforeRead);
  }

  @Test
  void passesAskingForOneStaleObservationAtOnceWaitForOneRead() throws Exception {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, new MutableClock());
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch allAsking = new CountDownLatch(8);
    CountDownLatch answer = new CountDownLatch(1);
    ExecutorService passes = Executors.newFixedThreadPool(8);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(passes.submit(() -> {
        allAsking.countDown();
        return shared.get("network", "vpc", () -> {
          reads.incrementAndGet();
          assertTrue(await(answer), "the slow read answers");
          return 42;
        });
      }));
    }
    allAsking.await();
    answer.countDown();
    for (Future<Integer> each : answers) {
      assertEquals(42, each.get(10, TimeUnit.SECONDS));
    }
    passes.shutdown();
    assertEquals(1, reads.get(), "one read served all eight");
  }

  private static boolean await(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Test
  void anObservationServesUntilItsWindowEndsOrSomeoneForgetsIt() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger reads = new AtomicInteger();

    shared.get("network", "vpc", reads::incrementAndGet);
    clock.advance(Duration.ofSeconds(4));
    shared.get("network", "vpc", reads::incrementAndGet);
    assertEquals(1, reads.get(), "fresh for 5 s");
    clock.advance(Duration.ofSeconds(1));
    shared.get("network", "vpc", reads::incrementAndGet);
    assertEquals(2, reads.get(), "read again once the window is over");
    shared.forStack("shop/one").forget("network");
    assertEquals(3, shared.get("network", "vpc", reads::incrementAndGet), "read again after a change");
    assertEquals(4, SharedReads.NONE.get("network", "vpc", reads::incrementAndGet), "NONE keeps nothing");
  }

  @Test
  void aRoundsObservationServesTheWholeResync() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger reads = new AtomicInteger();

    shared.perRound("network", "vpc", reads::incrementAndGet);
    clock.advance(Duration.ofSeconds(14));
    assertEquals(1, shared.perRound("network", "vpc", reads::incrementAndGet), "kept beyond a look, for the round");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(2, shared.perRound("network", "vpc", reads::incrementAndGet), "read again when the round is over");
    shared.forStack("shop/one").forget("network");
    assertEquals(3, shared.perRound("network", "vpc", reads::incrementAndGet), "or after a change");
  }

  @Test
  void aListingSeveralComponentsReadIsReadOnceForAllAndAWriteOfAnyOfThemHasTheWriterReadItsOwn() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, new MutableClock());
    AtomicInteger reads = new AtomicInteger();
    Supplier<List<Integer>> listing = () -> List.of(reads.incrementAndGet());
    SharedReads.Watch<Integer> watch = new SharedReads.Watch<>(n -> "shop/one", n -> n);
    SharedReads.ForStack one = shared.forStack("shop/one");
    Supplier<List<Integer>> ownRead = () -> List.of(-1);

    one.watchedOrOwn("api-security-group", "security-groups", "in us-east-1", listing, watch, ownRead);
    assertEquals(List.of(1), one.watchedOrOwn("database-security-group", "security-groups", "in us-east-1", listing,
        watch, ownRead), "the second reader is served the first one's listing");
    one.forget("api-instance");
    assertEquals(List.of(1), one.watchedOrOwn("api-security-group", "security-groups", "in us-east-1", listing,
        watch, ownRead), "a component that does not read it leaves it");
    one.forget("database-security-group");
    assertEquals(List.of(-1), one.watchedOrOwn("api-security-group", "security-groups", "in us-east-1", listing,
        watch, ownRead), "a write of the other reader has the stack read its own");
    assertEquals(1, reads.get());
  }

  @Test
  void aStacksPartOfEveryStacksListingServesItUntilItWritesThenItReadsItsOwn() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger everyReads = new AtomicInteger();
    AtomicInteger ownReads = new AtomicInteger();
    Supplier<Map<String, String>> every = () -> {
      everyReads.incrementAndGet();
      return Map.of("shop/one", "one's, listed", "shop/two", "two's, listed");
    };
    var inventories = new SharedReads.Listing<>("inventories", "here", every);
    Function<String, String> partOf = stack -> shared.forStack(stack).partOf(inventories, "inventory", stack,
        Function.identity(), () -> stack + "'s own " + ownReads.incrementAndGet(), anyAnswer -> true);

    assertEquals("one's, listed", partOf.apply("shop/one"));
    assertEquals("two's, listed", partOf.apply("shop/two"));
    assertEquals(1, everyReads.get(), "one listing served both");
    assertEquals("shop/new's own 1", partOf.apply("shop/new"), "a stack the listing does not name lists its own");
    assertEquals("shop/new's own 1", partOf.apply("shop/new"), "kept");

    shared.forStack("shop/two").forget("inventory");
    assertEquals("shop/two's own 2", partOf.apply("shop/two"), "after its write a stack lists its own");
    assertEquals("shop/two's own 2", partOf.apply("shop/two"), "kept");
    assertEquals("one's, listed", partOf.apply("shop/one"), "the others' parts stand");
    assertEquals(1, everyReads.get());

    clock.advance(SharedReads.CONFIRMED_FOR);
    assertEquals("two's, listed", partOf.apply("shop/two"), "a listing read after the write serves it again");
    assertEquals(2, everyReads.get());
  }

  /**
   * Many stacks being made at once: each write forgets the writer's own observations and what all
   * stacks share (a listing holds the writer's part too), not the other stacks' own, so one busy
   * stack does not make every other one read its role again.
   */
  @Test
  void aStacksWriteForgetsItsOwnAndTheSharedObservationsNotOtherStacksOwn() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, new MutableClock());
    AtomicInteger reads = new AtomicInteger();
    Function<String, Integer> roleOf = stack -> shared.forStack(stack).confirmed("api-role", "role",
        reads::incrementAndGet, anyAnswer -> true);
    Supplier<Integer> everyInstance = () -> shared.get("api-role", "every role", reads::incrementAndGet);

    assertEquals(List.of(1, 2, 3), List.of(roleOf.apply("shop/one"), roleOf.apply("shop/two"), everyInstance.get()),
        "each stack's own, and one shared");
    shared.forStack("shop/two").forget("api-role");
    assertEquals(1, roleOf.apply("shop/one"), "another stack's own stands");
    assertEquals(4, roleOf.apply("shop/two"), "the writer's own is read again");
    assertEquals(5, everyInstance.get(), "and what every stack shares");

    var listing = new SharedReads.Listing<>("roles", "of the account", () -> Map.of("shop/one", 10, "shop/two", 20));
    Function<String, Integer> partOf = stack -> shared.forStack(stack).partOf(listing, "api-role", stack,
        Function.identity(), reads::incrementAndGet, anyAnswer -> true);
    assertEquals(List.of(10, 20), List.of(partOf.apply("shop/one"), partOf.apply("shop/two")));
    shared.forStack("shop/two").forget("api-role");
    assertEquals(List.of(10, 6), List.of(partOf.apply("shop/one"), partOf.apply("shop/two")),
        "the listing serves all but the stack that wrote since it was read");
  }

  @Test
  void aListingThatCannotBeReadLeavesEachPartToItsOwnReadForALookAndIsThenTriedAgain() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, clock);
    AtomicInteger listings = new AtomicInteger();
    var failingOnce = new SharedReads.Listing<>("roles", "of the account", () -> {
      if (listings.incrementAndGet() == 1) {
        throw new IllegalStateException("throttled");
      }
      return Map.of("cafe-api", "tagged cafe, listed");
    });
    Function<String, String> readBy = stack -> shared.forStack(stack).partOf(failingOnce, "api-role", "cafe-api",
        Function.identity(), () -> "tagged cafe, " + stack + "'s own read", anyAnswer -> true);

    assertEquals("tagged cafe, shop/cafe's own read", readBy.apply("shop/cafe"),
        "the pass goes on with the part's own read");
    assertEquals("tagged cafe, shop/other's own read", readBy.apply("shop/other"),
        "within the look, other parts are read alone without asking for the listing again");
    assertEquals(1, listings.get());
    clock.advance(Duration.ofSeconds(5));
    assertEquals("tagged cafe, listed", readBy.apply("shop/third"), "after it, the listing is read again");
    assertEquals(2, listings.get());
  }

  @Test
  void aListedPartThatDoesNotConfirmIsReadAloneAndKeptOnlyOnceItConfirms() {
    SharedReads shared = new SharedReads(LOOK_5S_ROUND_15S, new MutableClock());
    AtomicInteger ownReads = new AtomicInteger();
    var roles = new SharedReads.Listing<>("roles", "in the account",
        () -> Map.of("shop-api", "untagged in the listing", "cafe-api", "tagged cafe"));
    Supplier<String> shopsOwn = () -> ownReads.incrementAndGet() < 2 ? "untagged" : "tagged shop";
    Function<String, String> part = role -> shared.forStack("shop/one").partOf(roles, "api-role", role,
        listed -> listed, shopsOwn, answer -> answer.startsWith("tagged"));

    assertEquals("tagged cafe", part.apply("cafe-api"));
    assertEquals(0, ownReads.get(), "a listed part that confirms needs no read of its own");
    assertEquals("untagged", part.apply("shop-api"), "what the listing leaves out is read alone");
    assertEquals("tagged shop", part.apply("shop-api"), "an answer that does not confirm is read again");
    assertEquals("tagged shop", part.apply("shop-api"), "one that confirms is kept");
    assertEquals(2, ownReads.get());
  }

  @Test
  void whereListingEveryRoleIsDeniedEachStackReadsItsRoleAndProfileAlone() {
    AtomicInteger denied = new AtomicInteger();
    ExecutionInterceptor denyListingRoles = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetAccountAuthorizationDetailsRequest) {
          denied.incrementAndGet();
          throw IamException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
              .errorCode("AccessDenied").errorMessage("not iam:GetAccountAuthorizationDetails").build()).build();
        }
      }
    };
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter, List.of(denyListingRoles))) {
      RockOfAgesSpec spec = Specs.minimal();
      for (String name : List.of("one", "two")) {
        shop(name, aws).reconcileUntilReady(spec);
      }
      try (AwsClients restarted = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter,
          List.of(denyListingRoles))) {
        meter.reset();
        denied.set(0);
        for (String name : List.of("one", "two")) {
          PassResult afterRestart = shop(name, restarted).reconcile(spec);
          assertTrue(afterRestart.allReady() && !afterRestart.hasChanges(), afterRestart.outcomes().toString());
        }
        assertEquals(1, denied.get(), "the refusal is kept: the listing is not asked for again");
        assertEquals(Map.of("GetRole", 2L, "GetInstanceProfile", 2L), iamCalls(), "each stack reads its own");
      }
    }
  }

  /**
   * A pass asks for the listings it shares with every stack before it waits on the first: a process
   * starting with many stacks waits for the slowest listing, not for all of them one after another.
   * Here the inventory's listing answers only once every other listing has been asked for; read in
   * turn, the pass would wait on it alone (and the test fails after 30 s).
   */
  @Test
  void afterARestartAPassAsksForEveryListingItSharesBeforeWaitingOnTheFirst() {
    Set<String> listings = Set.of("DescribeVpcs", "DescribeSecurityGroups", "DescribeInstances",
        "DescribeDBInstances", "DescribeDBSubnetGroups", "GetAccountAuthorizationDetails", "ListDistributions",
        "ListOriginAccessControls");
    Set<String> asked = ConcurrentHashMap.newKeySet();
    CountDownLatch everyListingAsked = new CountDownLatch(1);
    AtomicReference<Boolean> inventoryAnsweredAfterTheRest = new AtomicReference<>();
    ExecutionInterceptor inventoryAnswersLast = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        asked.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        if (asked.containsAll(listings)) {
          everyListingAsked.countDown();
        }
        if (context.request() instanceof GetResourcesRequest listing && listing.resourceTypeFilters().isEmpty()) {
          try {
            inventoryAnsweredAfterTheRest.compareAndSet(null, everyListingAsked.await(30, TimeUnit.SECONDS));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }
    };
    try (AwsClients aws = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter)) {
      Passes before = shop("one", aws).withSiteContent(Map.of("index.html", "<h1>Rock</h1>"));
      RockOfAgesSpec spec = Specs.fullStack();
      before.reconcileUntilReady(spec);
      before.reconcile(spec);
      try (AwsClients restarted = new AwsClients(moto.settings().withSharedReads(AN_HOUR), meter,
          List.of(inventoryAnswersLast))) {
        meter.reset();
        PassResult afterRestart = before.restartedOn(restarted.forRegion(MotoServer.REGION)).reconcile(spec);

        assertTrue(afterRestart.allReady() && !afterRestart.hasChanges(), afterRestart.outcomes().toString());
        assertEquals(true, inventoryAnsweredAfterTheRest.get(), "asked for: " + asked);
        assertEquals(Map.of(), listings.stream().filter(listing -> meter.count(listing) != 1).collect(
            Collectors.toMap(listing -> listing, meter::count)), "each listing read once");
      }
    }
  }

  /** The passes of stack shop/{@code name}, through {@code aws}'s clients of the emulator's region. */
  private static Passes shop(String name, AwsClients aws) {
    return new Passes(new StackId("shop", name), aws.forRegion(MotoServer.REGION));
  }

  private static final Instant NEVER_MODIFIED = Instant.parse("2026-11-27T00:00:00Z");

  /**
   * Plays CloudFront's part in its listing of distributions, which moto leaves out: the time each
   * distribution was last modified ({@code lastModified} by id; {@link #NEVER_MODIFIED} if absent).
   */
  private static ExecutionInterceptor cloudFrontsClock(Map<String, Instant> lastModified) {
    return new ExecutionInterceptor() {
      @Override
      public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof ListDistributionsResponse list) {
          return list.toBuilder().distributionList(list.distributionList().toBuilder().items(list.distributionList()
              .items().stream().map(d -> d.toBuilder().lastModifiedTime(lastModified.getOrDefault(d.id(),
                  NEVER_MODIFIED)).build()).toList()).build()).build();
        }
        return context.response();
      }
    };
  }

  /** {@code plain}'s clients with observations shared through {@code shared}. */
  private static AwsServices sharedOn(AwsServices plain, SharedReads shared) {
    return new AwsServices(plain.region(), plain.ec2(), plain.rds(), plain.s3(), plain.cloudFront(), plain.iam(),
        plain.secretsManager(), plain.tagging(), plain.globalTagging(), shared);
  }

  /** {@code plain}'s clients with observations shared for a look of 5 s and a round of 15 s by {@code clock}. */
  private static AwsServices sharedOn(AwsServices plain, Clock clock) {
    return sharedOn(plain, new SharedReads(LOOK_5S_ROUND_15S, clock));
  }

  /** Stack shop/{@code name}'s passes, its minimal spec made Ready. */
  private static Passes readyMinimal(String name, AwsClients aws) {
    Passes passes = shop(name, aws);
    passes.reconcileUntilReady(Specs.minimal());
    return passes;
  }

  /** One look of the watch: the stacks it told of. */
  private static Set<String> look(SharedReads shared, List<RuntimeException> failures) {
    Set<String> changed = new TreeSet<>();
    shared.refresh(Duration.ofMinutes(1), changed::add, failures::add);
    return changed;
  }

  private Map<String, Long> iamCalls() {
    return meter.snapshot().entrySet().stream().filter(call -> call.getKey().service().equals("Iam"))
        .collect(Collectors.toMap(call -> call.getKey().operation(), Map.Entry::getValue, Long::sum));
  }
}
