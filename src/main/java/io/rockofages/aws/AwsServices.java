package io.rockofages.aws;

import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.rds.RdsClient;

/** The clients of one region that components use; tests put scripted fakes in here. */
public record AwsServices(String region, Ec2Client ec2, RdsClient rds) {}
