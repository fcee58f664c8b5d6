package io.rockofages.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The API host: one EC2 instance in a public subnet running the API container on port 80. */
public class ApiSpec {
  public static final String DEFAULT_INSTANCE_TYPE = "t3.micro";

  @Default(DEFAULT_INSTANCE_TYPE)
  @Pattern(Patterns.INSTANCE_TYPE)
  @JsonPropertyDescription("EC2 instance type, e.g. t3.micro. Changed in place: the instance is stopped, modified and started.")
  private String instanceType = DEFAULT_INSTANCE_TYPE;

  @Pattern(Patterns.AMI_ID)
  @JsonPropertyDescription("AMI id. Empty: the newest Amazon Linux 2023 x86_64 AMI at creation time (a newer AMI later does not replace the host). Changing it replaces the instance.")
  private String imageId;

  @Pattern(Patterns.SUBNET_ID)
  @JsonPropertyDescription("Subnet for the instance. Empty: a default (public) subnet of the VPC, chosen deterministically. Changing it replaces the instance.")
  private String subnetId;

  @Pattern(Patterns.KEY_NAME)
  @JsonPropertyDescription("Name of an existing EC2 key pair for SSH. Empty: no key pair. Changing it replaces the instance.")
  private String keyName;

  @Required
  @JsonPropertyDescription("The container the host runs (installed and started by cloud-init).")
  private ContainerSpec container;

  @JsonPropertyDescription("Who may reach the API over HTTP. Default: port 80 from anywhere.")
  private HttpIngressSpec http = new HttpIngressSpec();

  @JsonPropertyDescription("Who may reach port 22. Default: nobody (port 22 closed).")
  private SshIngressSpec ssh = new SshIngressSpec();

  public String getInstanceType() {
    return instanceType;
  }

  public void setInstanceType(String instanceType) {
    this.instanceType = instanceType == null ? DEFAULT_INSTANCE_TYPE : instanceType;
  }

  public String getImageId() {
    return imageId;
  }

  public void setImageId(String imageId) {
    this.imageId = imageId;
  }

  public String getSubnetId() {
    return subnetId;
  }

  public void setSubnetId(String subnetId) {
    this.subnetId = subnetId;
  }

  public String getKeyName() {
    return keyName;
  }

  public void setKeyName(String keyName) {
    this.keyName = keyName;
  }

  public ContainerSpec getContainer() {
    return container;
  }

  public void setContainer(ContainerSpec container) {
    this.container = container;
  }

  public HttpIngressSpec getHttp() {
    return http;
  }

  public void setHttp(HttpIngressSpec http) {
    this.http = http == null ? new HttpIngressSpec() : http;
  }

  public SshIngressSpec getSsh() {
    return ssh;
  }

  public void setSsh(SshIngressSpec ssh) {
    this.ssh = ssh == null ? new SshIngressSpec() : ssh;
  }
}
