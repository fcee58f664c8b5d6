package io.rockofages.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs after the whole test suite (failsafe, in {@code verify}): the IAM actions the code needed
 * while the tests ran (recorded by {@code testing.RecordedOperations}) must be exactly those
 * {@code deploy/iam-policy.json} grants, and every statement that lets the role change or delete
 * something must be scoped to what rockofages made.
 */
class IamPolicyIT {
  private static final Path POLICY = Path.of("deploy", "iam-policy.json");
  /** Where {@code testing.RecordedOperations} writes, one file per test JVM. */
  private static final Path RECORDED = Path.of("target", "aws-operations");
  private static final Map<String, String> SERVICE_PREFIXES = Map.of("Ec2", "ec2", "Rds", "rds", "S3", "s3",
      "CloudFront", "cloudfront", "ResourceGroupsTaggingApi", "tag", "Iam", "iam", "SecretsManager", "secretsmanager");
  /** SDK operations whose IAM action has another name, or that need more than one action. */
  private static final Map<String, List<String>> ACTIONS = Map.ofEntries(
      Map.entry("Ec2:RunInstances", List.of("ec2:RunInstances", "ec2:CreateTags", "iam:PassRole")),
      Map.entry("Ec2:AssociateIamInstanceProfile", List.of("ec2:AssociateIamInstanceProfile", "iam:PassRole")),
      Map.entry("Ec2:ReplaceIamInstanceProfileAssociation", List.of("ec2:ReplaceIamInstanceProfileAssociation",
          "iam:PassRole")),
      Map.entry("Iam:CreateRole", List.of("iam:CreateRole", "iam:TagRole")),
      Map.entry("Iam:CreateInstanceProfile", List.of("iam:CreateInstanceProfile", "iam:TagInstanceProfile")),
      Map.entry("SecretsManager:CreateSecret", List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource")),
      Map.entry("Ec2:CreateSecurityGroup", List.of("ec2:CreateSecurityGroup", "ec2:CreateTags")),
      Map.entry("Ec2:CreateInternetGateway", List.of("ec2:CreateInternetGateway", "ec2:CreateTags")),
      // RDS makes the secret of the password it keeps (ManageMasterUserPassword) with the caller's rights.
      Map.entry("Rds:CreateDBInstance", List.of("rds:CreateDBInstance", "rds:AddTagsToResource",
          "secretsmanager:CreateSecret", "secretsmanager:TagResource")),
      Map.entry("Rds:CreateDBSubnetGroup", List.of("rds:CreateDBSubnetGroup", "rds:AddTagsToResource")),
      Map.entry("Rds:DeleteDBInstance", List.of("rds:DeleteDBInstance", "rds:CreateDBSnapshot")),
      Map.entry("CloudFront:CreateDistributionWithTags", List.of("cloudfront:CreateDistribution",
          "cloudfront:TagResource")),
      Map.entry("S3:GetBucketEncryption", List.of("s3:GetEncryptionConfiguration")),
      Map.entry("S3:PutBucketEncryption", List.of("s3:PutEncryptionConfiguration")),
      Map.entry("S3:GetPublicAccessBlock", List.of("s3:GetBucketPublicAccessBlock")),
      Map.entry("S3:PutPublicAccessBlock", List.of("s3:PutBucketPublicAccessBlock")),
      Map.entry("S3:DeletePublicAccessBlock", List.of("s3:PutBucketPublicAccessBlock")),
      Map.entry("S3:ListObjectsV2", List.of("s3:ListBucket")),
      Map.entry("S3:ListObjectVersions", List.of("s3:ListBucketVersions")),
      Map.entry("S3:DeleteObjects", List.of("s3:DeleteObject", "s3:DeleteObjectVersion")));
  /**
   * Actions the code calls on paths the emulator cannot run, and why; granted without a recorded call.
   * Keep this short: each entry is a path no test drives through the real SDK.
   */
  private static final Map<String, String> UNRECORDABLE = Map.of("rds:ModifyDBSubnetGroup",
      "moto 5.2.1's modify_db_subnet_group drops the group (pops it and never puts it back)",
      "ec2:ReplaceIamInstanceProfileAssociation", "moto 5.2.1 replaces the association but DescribeInstances keeps "
          + "reporting the old profile; the path is driven through ScriptedEc2 (ScriptedAwsTest)");
  /** Prefixes of actions that change or delete what exists (creating is scoped by tags at creation). */
  private static final List<String> CHANGING = List.of("Delete", "Modify", "Terminate", "Stop", "Start", "Update",
      "Revoke", "Authorize", "Detach", "Replace", "Put", "AddTags");
  /** The statements that may change what no stack tag marks, and why. */
  private static final Map<String, String> UNSCOPED = Map.of(
      "RepairTheVpcsInternetRoute", "the VPC's route table and gateway attachment are shared by its stacks",
      "TheOriginAccessControl", "origin access controls carry no tags and have random ids");
  private static JsonNode policy;

  @BeforeAll
  static void read() throws IOException {
    policy = new ObjectMapper().readTree(POLICY.toFile());
  }

  @Test
  void thePolicyGrantsExactlyTheActionsTheCodeCalled() throws IOException {
    assertTrue(Files.exists(RECORDED), "run the whole suite first (mvn verify)");
    List<String> recorded = new ArrayList<>();
    try (var files = Files.list(RECORDED)) {
      for (Path file : files.toList()) {
        recorded.addAll(Files.readAllLines(file));
      }
    }
    Set<String> needed = recorded.stream().filter(line -> !line.isBlank())
        .flatMap(operation -> ACTIONS.getOrDefault(operation, List.of(iamAction(operation))).stream())
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> granted = statements().stream().flatMap(s -> StreamSupport.stream(s.path("Action").spliterator(), false))
        .map(JsonNode::asText).collect(Collectors.toCollection(TreeSet::new));

    Set<String> missing = new TreeSet<>(needed);
    missing.removeAll(granted);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(needed);
    unused.removeAll(UNRECORDABLE.keySet());
    assertEquals(Set.of(), missing, "called by the code but not granted by " + POLICY);
    assertEquals(Set.of(), unused, "granted by " + POLICY + " but never called in the tests");
  }

  @Test
  void everyStatementThatChangesOrDeletesIsScopedToWhatRockofagesMade() {
    for (JsonNode statement : statements()) {
      boolean changes = StreamSupport.stream(statement.path("Action").spliterator(), false).map(JsonNode::asText)
          .map(action -> action.substring(action.indexOf(':') + 1))
          .anyMatch(action -> CHANGING.stream().anyMatch(action::startsWith));
      boolean everything = StreamSupport.stream(statement.path("Resource").spliterator(), false)
          .anyMatch(resource -> "*".equals(resource.asText())) || "*".equals(statement.path("Resource").asText());
      if (changes && everything && !UNSCOPED.containsKey(statement.path("Sid").asText())) {
        assertTrue(statement.has("Condition"), statement.path("Sid").asText()
            + " changes or deletes on every resource without a condition");
      }
    }
  }

  /**
   * Tagging is how a resource becomes the stack's, so ec2:CreateTags is allowed only in the calls
   * that create, and on what already carries a rockofages component tag (putting back a stack tag
   * someone removed): never on just anything, which could then be terminated as ours.
   */
  @Test
  void createTagsIsOnlyForRockofagesOwnCreatesAndWhatAComponentTagMarks() {
    List<JsonNode> tagging = statements().stream().filter(s -> StreamSupport.stream(s.path("Action").spliterator(), false)
        .anyMatch(a -> "ec2:CreateTags".equals(a.asText()))).toList();
    assertEquals(2, tagging.size());
    JsonNode createAction = tagging.get(0).path("Condition").path("StringEquals").path("ec2:CreateAction");
    assertEquals(Set.of("RunInstances", "CreateSecurityGroup", "CreateInternetGateway"),
        StreamSupport.stream(createAction.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet()));
    assertEquals("false", tagging.get(1).path("Condition").path("Null").path("aws:ResourceTag/rockofages.io/component")
        .asText());
  }

  @Test
  void arnsWorkInEveryPartition() {
    statements().stream().flatMap(s -> StreamSupport.stream(s.path("Resource").spliterator(), false))
        .map(JsonNode::asText).filter(resource -> resource.startsWith("arn:"))
        .forEach(arn -> assertTrue(arn.startsWith("arn:*:"), arn + " names one partition"));
  }

  private static List<JsonNode> statements() {
    return StreamSupport.stream(policy.path("Statement").spliterator(), false).toList();
  }

  private static String iamAction(String operation) {
    String service = operation.substring(0, operation.indexOf(':'));
    String prefix = SERVICE_PREFIXES.get(service);
    if (prefix == null) {
      throw new AssertionError("no IAM prefix known for " + service + " (" + operation + ")");
    }
    return prefix + operation.substring(operation.indexOf(':'));
  }
}
