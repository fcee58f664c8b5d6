package io.rockofages.components.apihost;

import io.rockofages.aws.SharedReads;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * Every IAM role of the account with its tags and instance profiles, by name, from one paginated
 * GetAccountAuthorizationDetails (roles only): a process starting with hundreds of stacks reads the
 * API hosts' roles and profiles in a few requests instead of two a stack, paced at IAM's rate. IAM
 * is global: one listing serves every region's stacks. The right to read it is account-wide; where
 * it is not granted, each role and profile is read alone, as with no shared reads
 * ({@link SharedReads.ForStack#partOf}).
 */
final class AccountRoles {
  /** The largest page IAM serves. */
  private static final int MOST_A_PAGE = 1000;

  private AccountRoles() {}

  static SharedReads.Listing<RoleDetail> listing(IamClient iam) {
    return new SharedReads.Listing<>("every IAM role", "of the account", () -> read(iam));
  }

  /** The role as GetRole would show what the API host's role component looks at: name, ARN, tags. */
  static Optional<Role> role(RoleDetail detail) {
    return Optional.of(Role.builder().roleName(detail.roleName()).arn(detail.arn()).tags(detail.tags()).build());
  }

  /** The instance profile {@code name} holding the listed role, if it does. */
  static Optional<InstanceProfile> profile(RoleDetail detail, String name) {
    return detail.instanceProfileList().stream().filter(profile -> name.equals(profile.instanceProfileName()))
        .findFirst();
  }

  private static Map<String, RoleDetail> read(IamClient iam) {
    return iam.getAccountAuthorizationDetailsPaginator(r -> r.filter(EntityType.ROLE).maxItems(MOST_A_PAGE))
        .roleDetailList().stream().collect(Collectors.toMap(RoleDetail::roleName, Function.identity()));
  }
}
