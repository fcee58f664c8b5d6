package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.SecretKeyRef;
import io.rockofages.api.SiteSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.ErrorKind;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.Tags;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiInstanceProfileComponent;
import io.rockofages.components.apihost.ApiRoleComponent;
import io.rockofages.components.apihost.ApiSecurityGroup;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.components.database.PasswordSecretComponent;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.engine.Action;
import io.rockofages.engine.ComponentOutcome;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * The stack's tag removed behind its back from each kind of resource: the operator, which knows
 * every resource by the id in its status, plans to put the tags back, puts them back, and makes
 * nothing new; a driver that knows no ids (a first CLI run) refuses, as for any untagged namesake.
 */
class LostTagsMotoTest {
  private static final StackId STACK = new StackId("shop", "rock");
  private static final List<String> NAMED = List.of(ApiSecurityGroup.REF.name(), ApiRoleComponent.REF.name(),
      ApiInstanceProfileComponent.REF.name(), ApiInstanceComponent.REF.name(), SubnetGroupComponent.REF.name(),
      PasswordSecretComponent.REF.name(), DatabaseComponent.REF.name(), SiteBucketComponent.REF.name());
  private final AwsFixture aws = new AwsFixture(STACK);
  private final AwsClients clients = aws.clients;
  private final AwsCallMeter meter = aws.meter;
  private final Passes passes = aws.passes.withPassword(Passes.DB_PASSWORD);
  private final RockOfAgesSpec spec = Specs.minimal();

  LostTagsMotoTest() {
    spec.setDatabase(new DatabaseSpec());
    spec.getDatabase().setPasswordSecretRef(new SecretKeyRef("app-db", "password"));
    spec.setSite(new SiteSpec());
  }

  @AfterEach
  void close() {
    aws.close();
  }

  @Test
  void tagsRemovedFromEveryKindOfResourceArePutBackAndNothingIsMadeAnew() {
    Map<String, String> ids = ids(passes.reconcileUntilReady(spec));
    removeTheStackTags(ids);

    meter.reset();
    PassResult plan = passes.plan(spec);
    for (String component : NAMED) {
      ComponentOutcome planned = plan.outcome(component).orElseThrow();
      assertEquals(Action.UPDATE, planned.action(), component + ": " + planned.message());
      assertTrue(planned.message().startsWith("will put back its ownership tags"), planned.message());
    }
    assertEquals(0, meter.mutatingCalls(), "a plan writes nothing");

    PassResult repaired = passes.reconcile(spec);

    for (String component : NAMED) {
      ComponentOutcome outcome = repaired.outcome(component).orElseThrow();
      assertTrue(outcome.changedAws() && outcome.message().contains("put back its ownership tags"),
          component + ": " + outcome.message());
    }
    assertEquals(ids, ids(repaired), "the same resources, nothing new");
    assertEquals(0, meter.count("RunInstances") + meter.count("CreateSecurityGroup") + meter.count("CreateDBInstance")
        + meter.count("CreateDBSubnetGroup") + meter.count("CreateRole") + meter.count("CreateInstanceProfile")
        + meter.count("CreateSecret") + meter.count("CreateBucket"));
    meter.reset();
    assertTrue(passes.reconcile(spec).allReady());
    assertEquals(0, meter.mutatingCalls(), "tagged again: the next pass finds everything by its tags");
  }

  @Test
  void withoutTheIdsOfAStatusAResourceThatLostItsTagIsRefusedAndNothingIsWritten() {
    Map<String, String> ids = ids(passes.reconcileUntilReady(spec));
    removeTheStackTags(Map.of(DatabaseComponent.REF.name(), ids.get(DatabaseComponent.REF.name())));
    Passes firstCliRun = new Passes(STACK, clients.forRegion(MotoServer.REGION)).withPassword(Passes.DB_PASSWORD);
    meter.reset();

    PassResult refused = firstCliRun.reconcile(spec);

    ComponentOutcome database = refused.outcome(DatabaseComponent.REF.name()).orElseThrow();
    assertEquals(ErrorKind.CONFLICT, database.error(), database.message());
    assertEquals(0, meter.mutatingCalls());
  }

  private void removeTheStackTags(Map<String, String> ids) {
    Ec2Client ec2 = clients.ec2(MotoServer.REGION);
    RdsClient rds = clients.rds(MotoServer.REGION);
    Tag stackTag = Tag.builder().key(Ownership.STACK_TAG).build();
    ids.forEach((component, id) -> {
      switch (component) {
        case "api-security-group", "api-instance" -> ec2.deleteTags(r -> r.resources(id).tags(stackTag));
        case "database", "database-subnet-group" -> rds.removeTagsFromResource(r -> r.resourceName(component
            .equals("database") ? id : rds.describeDBSubnetGroups(g -> g.dbSubnetGroupName(id)).dbSubnetGroups().get(0)
            .dbSubnetGroupArn()).tagKeys(Ownership.STACK_TAG));
        case "api-role" -> clients.iam().untagRole(r -> r.roleName(id.substring(id.lastIndexOf('/') + 1))
            .tagKeys(Ownership.STACK_TAG));
        case "api-instance-profile" -> clients.iam().untagInstanceProfile(r -> r
            .instanceProfileName(id.substring(id.lastIndexOf('/') + 1)).tagKeys(Ownership.STACK_TAG));
        case "database-password-secret" -> clients.secretsManager(MotoServer.REGION).untagResource(r -> r.secretId(id)
            .tagKeys(Ownership.STACK_TAG));
        case "site-bucket" -> clients.s3(MotoServer.REGION).putBucketTagging(r -> r.bucket(id).tagging(t -> t.tagSet(
            Tags.s3(Map.of(Ownership.COMPONENT_TAG, component)))));
        default -> { }
      }
    });
  }

  private static Map<String, String> ids(PassResult result) {
    return result.outcomes().stream().filter(o -> NAMED.contains(o.name()))
        .collect(Collectors.toMap(ComponentOutcome::name, ComponentOutcome::id, (a, b) -> a, TreeMap::new));
  }
}
