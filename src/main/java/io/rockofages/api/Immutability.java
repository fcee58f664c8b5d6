package io.rockofages.api;

/**
 * CEL rules that keep region, VPC and bucket name as the stack was created. They sit on the spec,
 * not on each field: Kubernetes skips a field's transition rule when the old or the new value is
 * absent, so a rule on the field would let a value be added or removed. Empty and absent read the
 * same (both mean "not given"). A whole site section may come and go; its bucket name may not change.
 */
final class Immutability {
  private Immutability() {}

  static final String REGION = "(has(self.region) ? self.region : '') == (has(oldSelf.region) ? oldSelf.region : '')";
  static final String VPC_ID = "(has(self.network) && has(self.network.vpcId) ? self.network.vpcId : '')"
      + " == (has(oldSelf.network) && has(oldSelf.network.vpcId) ? oldSelf.network.vpcId : '')";
  static final String BUCKET_NAME = "!has(self.site) || !has(oldSelf.site)"
      + " || (has(self.site.bucketName) ? self.site.bucketName : '')"
      + " == (has(oldSelf.site.bucketName) ? oldSelf.site.bucketName : '')";
}
