package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL database: an RDS instance in a DB subnet group behind its own security group. */
public class DatabaseSpec {
  public static final String DEFAULT_ENGINE_VERSION = "16";
  public static final String DEFAULT_INSTANCE_CLASS = "db.t3.micro";
  public static final int DEFAULT_STORAGE_GIB = 20;
  public static final String DEFAULT_NAME = "rockofages";
  public static final int DEFAULT_BACKUP_DAYS = 7;
  public static final int PORT = 5432;

  /** What happens to the database when the stack is deleted. */
  public enum OnDelete {
    /** Final snapshot, then delete. */
    Snapshot,
    /** Delete without a snapshot. */
    Delete,
    /** Leave the database, its security group and subnet group in AWS. */
    Retain
  }

  /** Storage types that need no provisioned IOPS (io1/io2 would need an iops field this spec does not have). */
  public enum StorageType {
    gp2, gp3, standard
  }

  @Default(DEFAULT_ENGINE_VERSION)
  @Pattern(Patterns.ENGINE_VERSION)
  @JsonPropertyDescription("PostgreSQL version, major (16) or major.minor (16.4). Upgrades happen in place; a downgrade is refused.")
  private String engineVersion = DEFAULT_ENGINE_VERSION;

  @Default(DEFAULT_INSTANCE_CLASS)
  @Pattern(Patterns.DB_INSTANCE_CLASS)
  @JsonPropertyDescription("RDS instance class, e.g. db.t3.micro. Changed in place.")
  private String instanceClass = DEFAULT_INSTANCE_CLASS;

  @Default("20")
  @Min(20)
  @Max(65536)
  @JsonPropertyDescription("Allocated storage in GiB. Grows in place; RDS cannot shrink it (refused, nothing touched).")
  private int allocatedStorage = DEFAULT_STORAGE_GIB;

  @Default("gp3")
  @JsonPropertyDescription("Storage type: gp3 (default), gp2 or standard.")
  private StorageType storageType = StorageType.gp3;

  @Default(DEFAULT_NAME)
  @Pattern(Patterns.DB_NAME)
  @JsonPropertyDescription("Name of the database created in the instance. Cannot change after creation.")
  private String databaseName = DEFAULT_NAME;

  @Default(DEFAULT_NAME)
  @Pattern(Patterns.DB_USERNAME)
  @JsonPropertyDescription("Master user name. Cannot change after creation.")
  private String masterUsername = DEFAULT_NAME;

  @Default("false")
  @JsonPropertyDescription("Run a standby in a second availability zone. Changed in place.")
  private boolean multiAZ;

  @Default("false")
  @JsonPropertyDescription("Give the database a public address. Earns a SecurityAdvisory. Changed in place.")
  private boolean publiclyAccessible;

  @Default("7")
  @Min(0)
  @Max(35)
  @JsonPropertyDescription("Days of automated backups; 0 turns them off (earns a SecurityAdvisory).")
  private int backupRetentionDays = DEFAULT_BACKUP_DAYS;

  @Default("true")
  @JsonPropertyDescription("RDS deletion protection. While true, deleting the stack (or removing this section) deletes nothing "
      + "and stalls until it is set to false or onDelete to Retain.")
  private boolean deletionProtection = true;

  @Default("true")
  @JsonPropertyDescription("Encrypt storage at rest. Cannot change after creation; false earns a SecurityAdvisory.")
  private boolean storageEncrypted = true;

  @JsonPropertyDescription("IPv4 or IPv6 CIDR blocks allowed to reach 5432 besides the API host. Default: none; 0.0.0.0/0 or ::/0 earns a SecurityAdvisory.")
  private List<@Pattern(Patterns.CIDR) String> allowedCidrs = new ArrayList<>();

  @Default("Snapshot")
  @JsonPropertyDescription("On stack deletion: Snapshot (final snapshot, then delete), Delete (no snapshot) or Retain (leave it).")
  private OnDelete onDelete = OnDelete.Snapshot;

  @JsonPropertyDescription("Secret (same namespace) holding the master password, copied into a Secrets Manager secret of the stack "
      + "for the API host. Absent (recommended): RDS generates, keeps and rotates the password in Secrets Manager.")
  private SecretKeyRef passwordSecretRef;

  @Pattern(Patterns.K8S_NAME)
  @JsonPropertyDescription("Secret the operator writes with host, port, dbname, username and secretArn (the Secrets Manager secret "
      + "holding the password). Default: <name>-db.")
  private String connectionSecretName;

  @Default("false")
  @JsonPropertyDescription("Also put password and url in the connection Secret (read from Secrets Manager). Default: the password "
      + "stays in Secrets Manager only.")
  private boolean publishPassword;

  public String getEngineVersion() {
    return engineVersion;
  }

  public void setEngineVersion(String engineVersion) {
    this.engineVersion = engineVersion == null ? DEFAULT_ENGINE_VERSION : engineVersion;
  }

  public String getInstanceClass() {
    return instanceClass;
  }

  public void setInstanceClass(String instanceClass) {
    this.instanceClass = instanceClass == null ? DEFAULT_INSTANCE_CLASS : instanceClass;
  }

  public int getAllocatedStorage() {
    return allocatedStorage;
  }

  public void setAllocatedStorage(int allocatedStorage) {
    this.allocatedStorage = allocatedStorage;
  }

  public StorageType getStorageType() {
    return storageType;
  }

  public void setStorageType(StorageType storageType) {
    this.storageType = storageType == null ? StorageType.gp3 : storageType;
  }

  public String getDatabaseName() {
    return databaseName;
  }

  public void setDatabaseName(String databaseName) {
    this.databaseName = databaseName == null ? DEFAULT_NAME : databaseName;
  }

  public String getMasterUsername() {
    return masterUsername;
  }

  public void setMasterUsername(String masterUsername) {
    this.masterUsername = masterUsername == null ? DEFAULT_NAME : masterUsername;
  }

  public boolean isMultiAZ() {
    return multiAZ;
  }

  public void setMultiAZ(boolean multiAZ) {
    this.multiAZ = multiAZ;
  }

  public boolean isPubliclyAccessible() {
    return publiclyAccessible;
  }

  public void setPubliclyAccessible(boolean publiclyAccessible) {
    this.publiclyAccessible = publiclyAccessible;
  }

  public int getBackupRetentionDays() {
    return backupRetentionDays;
  }

  public void setBackupRetentionDays(int backupRetentionDays) {
    this.backupRetentionDays = backupRetentionDays;
  }

  public boolean isDeletionProtection() {
    return deletionProtection;
  }

  public void setDeletionProtection(boolean deletionProtection) {
    this.deletionProtection = deletionProtection;
  }

  public boolean isStorageEncrypted() {
    return storageEncrypted;
  }

  public void setStorageEncrypted(boolean storageEncrypted) {
    this.storageEncrypted = storageEncrypted;
  }

  public List<String> getAllowedCidrs() {
    return allowedCidrs;
  }

  public void setAllowedCidrs(List<String> allowedCidrs) {
    this.allowedCidrs = allowedCidrs == null ? new ArrayList<>() : allowedCidrs;
  }

  public OnDelete getOnDelete() {
    return onDelete;
  }

  public void setOnDelete(OnDelete onDelete) {
    this.onDelete = onDelete == null ? OnDelete.Snapshot : onDelete;
  }

  public SecretKeyRef getPasswordSecretRef() {
    return passwordSecretRef;
  }

  public void setPasswordSecretRef(SecretKeyRef passwordSecretRef) {
    this.passwordSecretRef = passwordSecretRef;
  }

  public boolean isPublishPassword() {
    return publishPassword;
  }

  public void setPublishPassword(boolean publishPassword) {
    this.publishPassword = publishPassword;
  }

  public String getConnectionSecretName() {
    return connectionSecretName;
  }

  public void setConnectionSecretName(String connectionSecretName) {
    this.connectionSecretName = connectionSecretName;
  }
}
