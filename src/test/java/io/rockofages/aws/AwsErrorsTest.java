package io.rockofages.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {
  static AwsServiceException aws(String code, int status, String message) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
  }

  @ParameterizedTest
  @CsvSource({
      "InvalidInstanceID.NotFound, 400, NOT_FOUND",
      "InvalidGroup.NotFound, 400, NOT_FOUND",
      "DBInstanceNotFound, 404, NOT_FOUND",
      "NoSuchBucket, 404, NOT_FOUND",
      "NoSuchEntity, 404, NOT_FOUND",
      "ResourceNotFoundException, 400, NOT_FOUND",
      "DeleteConflict, 409, RETRYABLE",
      "RequestLimitExceeded, 503, THROTTLED",
      "Throttling, 400, THROTTLED",
      "SlowDown, 503, THROTTLED",
      "InternalError, 500, RETRYABLE",
      "ServiceUnavailable, 503, RETRYABLE",
      "DependencyViolation, 400, RETRYABLE",
      "IncorrectInstanceState, 400, RETRYABLE",
      "InvalidParameterValue, 400, INVALID",
      "InvalidParameterCombination, 400, INVALID",
      "InvalidAMIID.Malformed, 400, INVALID",
      "InvalidAMIID.NotFound, 400, INVALID",
      "InvalidKeyPair.NotFound, 400, INVALID",
      "InvalidSubnetID.NotFound, 400, INVALID",
      "UnauthorizedOperation, 403, ACCESS_DENIED",
      "AuthFailure, 401, ACCESS_DENIED"})
  void classifiesAwsErrorCodes(String code, int status, ErrorKind expected) {
    assertEquals(expected, AwsErrors.classify(aws(code, status, "x")));
  }

  @Test
  void networkFaultsRetryAndMissingCredentialsStall() {
    assertEquals(ErrorKind.RETRYABLE, AwsErrors.classify(SdkClientException.create("connection reset")));
    SdkClientException noCredentials = SdkClientException.create("Unable to load credentials from any of the providers");
    assertEquals(ErrorKind.ACCESS_DENIED, AwsErrors.classify(noCredentials));
    assertTrue(AwsErrors.describe(noCredentials).startsWith("no AWS credentials found"));
  }

  @Test
  void anInstanceProfileEc2CannotSeeYetIsRetriedNotAStall() {
    assertEquals(ErrorKind.RETRYABLE, AwsErrors.classify(aws("InvalidParameterValue", 400,
        "Value (arn:aws:iam::1:instance-profile/p) for parameter iamInstanceProfile.arn is invalid.")));
    assertTrue(AwsErrors.isAlreadyExists(aws("EntityAlreadyExists", 409, "Role with name p already exists.")));
    assertTrue(AwsErrors.isAlreadyExists(aws("ResourceExistsException", 400, "the secret already exists")));
  }

  @Test
  void describeKeepsAwsWordsAndCode() {
    assertEquals("InvalidParameterValue: Invalid value 't9.huge' for InstanceType.",
        AwsErrors.describe(aws("InvalidParameterValue", 400, "Invalid value 't9.huge' for InstanceType.")));
  }

  @Test
  void onlyInvalidDeniedAndConflictStall() {
    assertTrue(ErrorKind.INVALID.stalls());
    assertTrue(ErrorKind.CONFLICT.stalls());
    assertTrue(ErrorKind.ACCESS_DENIED.stalls());
    assertFalse(ErrorKind.THROTTLED.stalls());
    assertFalse(ErrorKind.RETRYABLE.stalls());
  }
}
