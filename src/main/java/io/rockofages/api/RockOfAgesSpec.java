package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * The desired stack. Sections map to the seed's boxes; `database` and `site` arrive as new
 * optional sections next to `network` and `api`, so existing manifests stay valid.
 */
@ValidationRule(value = Immutability.REGION, message = "region is immutable: delete the stack and create it in the new region")
@ValidationRule(value = Immutability.VPC_ID,
    message = "network.vpcId is immutable: moving a stack between VPCs means re-creating it")
@ValidationRule(value = Immutability.BUCKET_NAME, message = "site.bucketName is immutable: a bucket cannot be renamed")
public class RockOfAgesSpec {

  @Pattern(Patterns.REGION)
  @JsonPropertyDescription("AWS region of the whole stack, e.g. eu-west-1. Empty: the operator's (or CLI's) AWS_REGION at first reconcile, then recorded in status.region. Immutable.")
  private String region;

  @JsonPropertyDescription("Where the stack lives on the network: the VPC (default: the region's default VPC).")
  private NetworkSpec network = new NetworkSpec();

  @Required
  @JsonPropertyDescription("The API host: an EC2 instance running the Django API container, behind its security group.")
  private ApiSpec api;

  @JsonPropertyDescription("The PostgreSQL database (RDS). Absent: no database.")
  private DatabaseSpec database;

  @JsonPropertyDescription("The static site: S3 bucket behind CloudFront. Absent: no site.")
  private SiteSpec site;

  @JsonPropertyDescription("Existing resources the stack takes over instead of creating its own: checked against the spec (differences are planned), tagged for the stack, then managed. One tagged for another stack is refused.")
  private AdoptSpec adopt = new AdoptSpec();

  @Default("Manage")
  @JsonPropertyDescription("Manage creates, repairs and deletes what the spec says; Observe only reads AWS and reports the plan, drift and readiness, never changing anything (deleting the resource leaves AWS untouched). Switching to Manage applies the plan.")
  private ManagementPolicy managementPolicy = ManagementPolicy.Manage;

  @Default("Delete")
  @JsonPropertyDescription("Delete removes what the stack owns in AWS when the resource is deleted; Retain leaves AWS untouched.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Delete;

  @Default("Report")
  @JsonPropertyDescription("Resources tagged for this stack that no component claims: Report lists them in status.orphans; Delete deletes them (a database after a final snapshot).")
  private OrphanPolicy orphanPolicy = OrphanPolicy.Report;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public NetworkSpec getNetwork() {
    return network;
  }

  public void setNetwork(NetworkSpec network) {
    this.network = network == null ? new NetworkSpec() : network;
  }

  public ApiSpec getApi() {
    return api;
  }

  public void setApi(ApiSpec api) {
    this.api = api;
  }

  public DatabaseSpec getDatabase() {
    return database;
  }

  public void setDatabase(DatabaseSpec database) {
    this.database = database;
  }

  public SiteSpec getSite() {
    return site;
  }

  public void setSite(SiteSpec site) {
    this.site = site;
  }

  public OrphanPolicy getOrphanPolicy() {
    return orphanPolicy;
  }

  public void setOrphanPolicy(OrphanPolicy orphanPolicy) {
    this.orphanPolicy = orphanPolicy == null ? OrphanPolicy.Report : orphanPolicy;
  }

  public AdoptSpec getAdopt() {
    return adopt;
  }

  public void setAdopt(AdoptSpec adopt) {
    this.adopt = adopt == null ? new AdoptSpec() : adopt;
  }

  public ManagementPolicy getManagementPolicy() {
    return managementPolicy;
  }

  public void setManagementPolicy(ManagementPolicy managementPolicy) {
    this.managementPolicy = managementPolicy == null ? ManagementPolicy.Manage : managementPolicy;
  }

  /** Whether rockofages may change nothing in AWS for this stack. */
  public boolean observeOnly() {
    return managementPolicy == ManagementPolicy.Observe;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy == null ? DeletionPolicy.Delete : deletionPolicy;
  }
}
