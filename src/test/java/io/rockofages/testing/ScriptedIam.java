package io.rockofages.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileResponse;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.GetRoleResponse;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.iam.model.TagRoleRequest;
import software.amazon.awssdk.services.iam.model.TagRoleResponse;

/** An in-memory IAM with one account's roles and instance profiles, for tests that script EC2 or RDS. */
public final class ScriptedIam implements IamClient {
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, Map<String, String>> policies = new HashMap<>();
  private final Map<String, InstanceProfile> profiles = new HashMap<>();

  @Override
  public CreateRoleResponse createRole(CreateRoleRequest request) {
    Role role = Role.builder().roleName(request.roleName()).arn("arn:aws:iam::1:role/" + request.roleName())
        .tags(request.tags()).build();
    roles.put(request.roleName(), role);
    return CreateRoleResponse.builder().role(role).build();
  }

  @Override
  public GetRoleResponse getRole(GetRoleRequest request) {
    return GetRoleResponse.builder().role(existing(roles, request.roleName())).build();
  }

  @Override
  public TagRoleResponse tagRole(TagRoleRequest request) {
    Role role = existing(roles, request.roleName());
    List<Tag> tags = new ArrayList<>(role.tags().stream()
        .filter(t -> request.tags().stream().noneMatch(n -> n.key().equals(t.key()))).toList());
    tags.addAll(request.tags());
    roles.put(role.roleName(), role.toBuilder().tags(tags).build());
    return TagRoleResponse.builder().build();
  }

  @Override
  public PutRolePolicyResponse putRolePolicy(PutRolePolicyRequest request) {
    existing(roles, request.roleName());
    policies.computeIfAbsent(request.roleName(), k -> new HashMap<>()).put(request.policyName(),
        request.policyDocument());
    return PutRolePolicyResponse.builder().build();
  }

  @Override
  public ListRolePoliciesResponse listRolePolicies(ListRolePoliciesRequest request) {
    return ListRolePoliciesResponse.builder()
        .policyNames(policies.getOrDefault(request.roleName(), Map.of()).keySet()).build();
  }

  @Override
  public CreateInstanceProfileResponse createInstanceProfile(CreateInstanceProfileRequest request) {
    InstanceProfile profile = InstanceProfile.builder().instanceProfileName(request.instanceProfileName())
        .arn("arn:aws:iam::1:instance-profile/" + request.instanceProfileName()).tags(request.tags()).roles(List.of())
        .build();
    profiles.put(request.instanceProfileName(), profile);
    return CreateInstanceProfileResponse.builder().instanceProfile(profile).build();
  }

  @Override
  public GetInstanceProfileResponse getInstanceProfile(GetInstanceProfileRequest request) {
    return GetInstanceProfileResponse.builder().instanceProfile(existing(profiles, request.instanceProfileName()))
        .build();
  }

  @Override
  public AddRoleToInstanceProfileResponse addRoleToInstanceProfile(AddRoleToInstanceProfileRequest request) {
    InstanceProfile profile = existing(profiles, request.instanceProfileName());
    profiles.put(profile.instanceProfileName(), profile.toBuilder().roles(existing(roles, request.roleName())).build());
    return AddRoleToInstanceProfileResponse.builder().build();
  }

  private static <T> T existing(Map<String, T> entities, String name) {
    T entity = entities.get(name);
    if (entity == null) {
      throw NoSuchEntityException.builder().statusCode(404).awsErrorDetails(AwsErrorDetails.builder()
          .errorCode("NoSuchEntity").errorMessage(name + " not found").build()).build();
    }
    return entity;
  }

  @Override
  public String serviceName() {
    return "iam";
  }

  @Override
  public void close() {}
}
