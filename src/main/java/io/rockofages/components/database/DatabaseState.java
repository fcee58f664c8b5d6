package io.rockofages.components.database;

import java.util.List;

/**
 * The RDS instance as observed.
 *
 * @param passwordFingerprint the fingerprint tag of the master password last set by rockofages
 * @param onDelete the on-delete tag: spec.database.onDelete when it was last applied
 * @param masterUserSecretArn the secret in which RDS keeps the password it manages; null when it does not
 */
public record DatabaseState(String identifier, String arn, String status, String engineVersion,
    String instanceClass, int allocatedStorage, String storageType, String databaseName, String masterUsername,
    boolean multiAZ, boolean publiclyAccessible, int backupRetentionDays, boolean deletionProtection,
    boolean storageEncrypted, List<String> securityGroupIds, String subnetGroupName, String host, Integer port,
    String passwordFingerprint, String onDelete, String masterUserSecretArn) {

  public DatabaseState {
    securityGroupIds = List.copyOf(securityGroupIds);
  }
}
