package io.rockofages.api;

import static io.rockofages.api.Text.blankToNull;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import java.util.Optional;
import java.util.function.Function;

/**
 * Existing resources the stack takes over instead of creating its own: each is checked against the
 * spec (differences are planned like any other), tagged for the stack, and managed from then on.
 * A resource tagged for another stack is refused. An entry whose section the spec lacks is unused.
 */
public class AdoptSpec {
  @Pattern("^(i-[0-9a-f]{8,17})?$")
  @JsonPropertyDescription("The API host: an EC2 instance id, e.g. i-0123456789abcdef0.")
  private String instanceId;

  @Pattern("^(sg-[0-9a-f]{8,17})?$")
  @JsonPropertyDescription("The API host's security group id.")
  private String apiSecurityGroupId;

  @Pattern("^(sg-[0-9a-f]{8,17})?$")
  @JsonPropertyDescription("The database's security group id.")
  private String databaseSecurityGroupId;

  @Pattern("^([a-z][a-z0-9-]{0,62})?$")
  @JsonPropertyDescription("The RDS DB instance identifier (becomes the stack's database; fixed once adopted).")
  private String databaseIdentifier;

  @Pattern("^([a-z0-9][a-z0-9 ._-]{0,254})?$")
  @JsonPropertyDescription("The RDS DB subnet group name.")
  private String dbSubnetGroupName;

  @Pattern(Patterns.BUCKET_NAME)
  @JsonPropertyDescription("The site's S3 bucket (instead of site.bucketName).")
  private String bucketName;

  @Pattern("^([A-Z0-9]{1,32})?$")
  @JsonPropertyDescription("The CloudFront distribution id, e.g. E2QWRUHAPOMQZL.")
  private String distributionId;

  /** The entry's value, when the spec gives one. */
  public Optional<String> named(Function<AdoptSpec, String> entry) {
    return Optional.ofNullable(blankToNull(entry.apply(this)));
  }

  public String getInstanceId() {
    return instanceId;
  }

  public void setInstanceId(String instanceId) {
    this.instanceId = instanceId;
  }

  public String getApiSecurityGroupId() {
    return apiSecurityGroupId;
  }

  public void setApiSecurityGroupId(String apiSecurityGroupId) {
    this.apiSecurityGroupId = apiSecurityGroupId;
  }

  public String getDatabaseSecurityGroupId() {
    return databaseSecurityGroupId;
  }

  public void setDatabaseSecurityGroupId(String databaseSecurityGroupId) {
    this.databaseSecurityGroupId = databaseSecurityGroupId;
  }

  public String getDatabaseIdentifier() {
    return databaseIdentifier;
  }

  public void setDatabaseIdentifier(String databaseIdentifier) {
    this.databaseIdentifier = databaseIdentifier;
  }

  public String getDbSubnetGroupName() {
    return dbSubnetGroupName;
  }

  public void setDbSubnetGroupName(String dbSubnetGroupName) {
    this.dbSubnetGroupName = dbSubnetGroupName;
  }

  public String getBucketName() {
    return bucketName;
  }

  public void setBucketName(String bucketName) {
    this.bucketName = bucketName;
  }

  public String getDistributionId() {
    return distributionId;
  }

  public void setDistributionId(String distributionId) {
    this.distributionId = distributionId;
  }
}
