package io.rockofages.api;

/** Validation patterns shared by the CRD schema and the command line (both read the same schema). */
public final class Patterns {
  private Patterns() {}

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  /** An IPv4 or IPv6 CIDR block such as 203.0.113.0/24 or 2001:db8::/32 (no lookahead: Kubernetes uses RE2). */
  public static final String CIDR = "^((" + OCTET + "\\.){3}" + OCTET + "/(3[0-2]|[12]?[0-9])"
      + "|[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}/(12[0-8]|1[01][0-9]|[1-9]?[0-9]))$";
  /** An AWS region such as eu-west-1 or us-gov-west-1. */
  public static final String REGION = "^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$";
  /** An EC2 instance type such as t3.micro or m7g.large. */
  public static final String INSTANCE_TYPE = "^[a-z][a-z0-9-]*\\.[a-z0-9]+$";
  /** Optional ids: empty means "choose for me". */
  public static final String VPC_ID = "^(vpc-[0-9a-f]{8,17})?$";
  public static final String SUBNET_ID = "^(subnet-[0-9a-f]{8,17})?$";
  public static final String AMI_ID = "^(ami-[0-9a-f]{8,17})?$";
  /** An environment variable name, as a shell and Docker accept it. */
  public static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";
  /** A container image reference: no whitespace, no shell metacharacters (it lands in cloud-init). */
  public static final String CONTAINER_IMAGE = "^[A-Za-z0-9][A-Za-z0-9._/:@-]*$";
  /** A PostgreSQL version RDS offers: a supported major (13 to 18), or major.minor. */
  public static final String ENGINE_VERSION = "^1[3-8](\\.[0-9]{1,2})?$";
  /** An RDS instance class such as db.t3.micro. */
  public static final String DB_INSTANCE_CLASS = "^db\\.[a-z0-9]+\\.[a-z0-9]+$";
  /** A PostgreSQL database name as RDS accepts it. */
  public static final String DB_NAME = "^[A-Za-z][A-Za-z0-9_]{0,62}$";
  /** An RDS master user name. */
  public static final String DB_USERNAME = "^[A-Za-z][A-Za-z0-9_]{0,15}$";
  /** A Kubernetes object name (DNS subdomain). */
  public static final String K8S_NAME = "^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$";
  /** An S3 bucket name (or empty: derived). */
  public static final String BUCKET_NAME = "^([a-z0-9][a-z0-9-]{1,61}[a-z0-9])?$";
  /**
   * An S3 object key for the index and error documents; its length (at most 1024) is a maxLength,
   * since Kubernetes' RE2 takes no repeat count above 1000.
   */
  public static final String OBJECT_KEY = "^[A-Za-z0-9!_.*'()/-]+$";
  /** A DNS name such as www.example.com. */
  public static final String DOMAIN_NAME = "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$";
  /** An ACM certificate ARN (or empty). */
  public static final String ACM_ARN = "^(arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/[0-9a-f-]{36})?$";
  /** A UUID such as a CloudFront cache policy id. */
  public static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
  /** Any text without line breaks. */
  public static final String SINGLE_LINE = "^[^\\r\\n]*$";
  /** An EC2 key pair name (printable ASCII, no quotes). */
  public static final String KEY_NAME = "^[A-Za-z0-9 ._+=,@-]{0,255}$";
}
