package io.rockofages.components;

import io.rockofages.aws.AwsErrors;
import io.rockofages.aws.OwnedResource;
import io.rockofages.components.database.DatabaseNames;
import io.rockofages.engine.OrphanReaper;
import io.rockofages.engine.StackContext;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Deletes orphans by what their ARN says they are, one non-blocking step at a time: instances are
 * terminated (their volumes go with them), security groups and gateways deleted (a gateway detached
 * first), a database deleted after a final snapshot (its deletion protection lifted first, since the
 * spec asked for orphans to go). What cannot be deleted safely in one call (a CloudFront
 * distribution must be disabled and deploy first) is reported with what to do.
 */
final class Orphans implements OrphanReaper {
  @Override
  public String delete(OwnedResource orphan, StackContext ctx) {
    String arn = orphan.arn();
    String id = orphan.id();
    if (arn.contains(":instance/")) {
      ctx.ec2().terminateInstances(r -> r.instanceIds(id));
      return "Deleting (terminating " + id + ")";
    }
    if (arn.contains(":security-group/")) {
      return deleteNow(() -> ctx.ec2().deleteSecurityGroup(r -> r.groupId(id)), id);
    }
    if (arn.contains(":internet-gateway/")) {
      detachEverywhere(ctx.ec2(), id);
      return deleteNow(() -> ctx.ec2().deleteInternetGateway(r -> r.internetGatewayId(id)), id);
    }
    if (arn.contains(":volume/")) {
      return deleteNow(() -> ctx.ec2().deleteVolume(r -> r.volumeId(id)), id);
    }
    if (arn.contains(":rds:") && arn.contains(":db:")) {
      return deleteDatabase(ctx, id);
    }
    return "Reported: rockofages does not delete this kind of orphan; delete " + arn + " by hand";
  }

  private static String deleteDatabase(StackContext ctx, String identifier) {
    List<DBInstance> found = ctx.rds().describeDBInstances(r -> r.dbInstanceIdentifier(identifier)).dbInstances();
    if (found.isEmpty() || "deleting".equals(found.get(0).dbInstanceStatus())) {
      return "Deleting (" + identifier + ")";
    }
    if (Boolean.TRUE.equals(found.get(0).deletionProtection())) {
      ctx.rds().modifyDBInstance(r -> r.dbInstanceIdentifier(identifier).deletionProtection(false).applyImmediately(true));
      return "Deleting (deletion protection of " + identifier + " lifted)";
    }
    String snapshot = DatabaseNames.finalSnapshot(identifier, ctx.clock().instant());
    ctx.rds().deleteDBInstance(r -> r.dbInstanceIdentifier(identifier).skipFinalSnapshot(false)
        .finalDBSnapshotIdentifier(snapshot));
    return "Deleting (after final snapshot " + snapshot + ")";
  }

  private static void detachEverywhere(Ec2Client ec2, String gatewayId) {
    ec2.describeInternetGateways(r -> r.internetGatewayIds(gatewayId)).internetGateways().stream()
        .map(InternetGateway::attachments).flatMap(List::stream)
        .forEach(a -> ec2.detachInternetGateway(r -> r.internetGatewayId(gatewayId).vpcId(a.vpcId())));
  }

  /** A delete that may have to wait for what still uses the resource (an instance shutting down). */
  private static String deleteNow(Runnable delete, String id) {
    try {
      delete.run();
      return "Deleted";
    } catch (AwsServiceException e) {
      return switch (AwsErrors.classify(e)) {
        case NOT_FOUND -> "Deleted";
        case RETRYABLE -> "Deleting (" + id + " is still in use: " + AwsErrors.describe(e) + ")";
        default -> throw e;
      };
    }
  }
}
