package io.rockofages.aws;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one rule set that classifies AWS failures. */
public final class AwsErrors {
  private AwsErrors() {}

  private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "RequestLimitExceeded",
      "TooManyRequestsException", "SlowDown", "RequestThrottled", "PriorRequestNotComplete");
  private static final Set<String> TRANSIENT = Set.of("DependencyViolation", "IncorrectInstanceState",
      "IncorrectState", "InsufficientInstanceCapacity", "InternalError", "ServiceUnavailable", "Unavailable",
      "InvalidGroup.Duplicate", "IdempotentParameterMismatch", "InvalidPermission.Duplicate", "DeleteConflict");
  /**
   * "Not found" answers about what the spec names (an image, a key pair, a subnet), not about the
   * resource being read or deleted: the spec asks for something that does not exist, so the stack
   * stalls with AWS's words instead of retrying.
   */
  private static final Set<String> SPEC_NAMES_NOTHING = Set.of("InvalidAMIID.NotFound", "InvalidKeyPair.NotFound",
      "InvalidSubnetID.NotFound", "InvalidSubnet.NotFound", "InvalidVpcID.NotFound");
  /**
   * A create that met what an earlier attempt made: the name or token is taken. Whether it is ours
   * is for the component's observe to say (tags, token, caller reference).
   */
  private static final Set<String> ALREADY_EXISTS = Set.of("InvalidGroup.Duplicate", "DBInstanceAlreadyExists",
      "DBSubnetGroupAlreadyExists", "BucketAlreadyOwnedByYou", "OriginAccessControlAlreadyExists",
      "DistributionAlreadyExists", "InvalidPermission.Duplicate", "RouteAlreadyExists", "Resource.AlreadyAssociated",
      "EntityAlreadyExists", "ResourceExistsException");
  private static final Set<String> DENIED = Set.of("UnauthorizedOperation", "AccessDenied", "AccessDeniedException",
      "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "ExpiredToken", "OptInRequired");

  public static ErrorKind classify(Throwable error) {
    if (error instanceof StackException stack) {
      return stack.kind();
    }
    if (error instanceof AwsServiceException aws) {
      String code = errorCode(aws);
      if (aws.isThrottlingException() || THROTTLING.contains(code) || aws.statusCode() == 429) {
        return ErrorKind.THROTTLED;
      }
      if (isProfileNotYetVisible(code, aws)) {
        return ErrorKind.RETRYABLE;
      }
      if (SPEC_NAMES_NOTHING.contains(code)) {
        return ErrorKind.INVALID;
      }
      if (code.endsWith("NotFound") || code.endsWith(".NotFound") || code.startsWith("NoSuch")
          || "ResourceNotFoundException".equals(code)
          || code.endsWith("NotFoundFault") || aws.statusCode() == 404) {
        return ErrorKind.NOT_FOUND;
      }
      if (DENIED.contains(code) || aws.statusCode() == 403) {
        return ErrorKind.ACCESS_DENIED;
      }
      if (TRANSIENT.contains(code) || aws.statusCode() >= 500 || aws.retryable()) {
        return ErrorKind.RETRYABLE;
      }
      return ErrorKind.INVALID;
    }
    if (error instanceof SdkClientException && isMissingCredentials(error)) {
      return ErrorKind.ACCESS_DENIED;
    }
    return ErrorKind.RETRYABLE;
  }

  /** IAM is eventually consistent: EC2 may not see an instance profile made a moment ago. */
  private static boolean isProfileNotYetVisible(String code, AwsServiceException aws) {
    String message = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorMessage();
    return "InvalidParameterValue".equals(code) && message != null
        && message.toLowerCase(Locale.ROOT).contains("iaminstanceprofile");
  }

  private static boolean isMissingCredentials(Throwable error) {
    return error.getMessage() != null && error.getMessage().startsWith("Unable to load credentials");
  }

  public static boolean isAlreadyExists(Throwable error) {
    return error instanceof AwsServiceException aws && ALREADY_EXISTS.contains(errorCode(aws));
  }

  public static boolean isNotFound(Throwable error) {
    return classify(error) == ErrorKind.NOT_FOUND;
  }

  /** What {@code read} returns; empty when AWS answers that it is not there (any other error is thrown). */
  public static <T> Optional<T> unlessNotFound(Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (RuntimeException e) {
      if (isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** A message a person can act on: AWS's own words and code, never request ids or headers. */
  public static String describe(Throwable error) {
    if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String message = aws.awsErrorDetails().errorMessage();
      return errorCode(aws) + ": " + (message == null ? "(no message)" : message);
    }
    if (isMissingCredentials(error)) {
      return "no AWS credentials found (environment, profile, web identity/IRSA, container or instance role)";
    }
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  /** AWS's error code, or "" when the response carried none. */
  public static String errorCode(AwsServiceException aws) {
    return aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null ? ""
        : aws.awsErrorDetails().errorCode();
  }
}
