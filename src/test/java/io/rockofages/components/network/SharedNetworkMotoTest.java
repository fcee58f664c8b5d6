package io.rockofages.components.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;
import io.rockofages.aws.Ownership;
import io.rockofages.aws.SharedReads;
import io.rockofages.aws.Tags;
import io.rockofages.engine.PassResult;
import io.rockofages.testing.AwsFixture;
import io.rockofages.testing.MotoServer;
import io.rockofages.testing.Passes;
import io.rockofages.testing.Specs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * Every stack in a VPC repairs the same gateway and default route. However many repair it at once,
 * in threads of one process or in separate processes, the VPC ends with exactly one gateway and one
 * default route to it, and a route somebody else made is never flipped.
 */
class SharedNetworkMotoTest {
  private final AwsFixture aws = new AwsFixture(new StackId("shop", "stack-0"));
  private final Ec2Client ec2 = aws.clients.ec2(MotoServer.REGION);
  private final String vpcId = ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true")
      .build())).vpcs().get(0).vpcId();

  @TempDir
  Path dir;

  @AfterEach
  void tearDown() {
    aws.close();
  }

  /** Also as the operator runs them, sharing one observation of the network, older than the repair. */
  @ParameterizedTest(name = "reads shared: {0}")
  @ValueSource(booleans = {false, true})
  void thirtyStacksFirstPassesAtOnceMakeOneGatewayAndOneRoute(boolean sharingReads) throws Exception {
    int stacks = 30;
    ExecutorService pool = Executors.newFixedThreadPool(stacks);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<PassResult>> passes = new ArrayList<>();
    SharedReads.Windows anHour = new SharedReads.Windows(Duration.ofHours(1), Duration.ofHours(1));
    AwsClients clients = sharingReads
        ? new AwsClients(MotoServer.get().settings().withSharedReads(anHour), new AwsCallMeter()) : aws.clients;
    for (int i = 0; i < stacks; i++) {
      Passes stack = new Passes(new StackId("shop", "stack-" + i), clients.forRegion(MotoServer.REGION));
      passes.add(pool.submit(() -> {
        start.await();
        return stack.reconcile(Specs.minimal());
      }));
    }
    start.countDown();
    for (Future<PassResult> pass : passes) {
      var network = pass.get(2, TimeUnit.MINUTES).outcome(NetworkComponent.REF.name()).orElseThrow();
      assertTrue(network.isReady(), network.toString());
    }
    pool.shutdown();
    if (sharingReads) {
      clients.close();
    }

    InternetGateway gateway = theOneGateway();
    assertEquals(gateway.internetGatewayId(), theOneDefaultRoute().gatewayId());
    var tags = Tags.fromEc2(gateway.tags());
    assertEquals(vpcId, tags.get(Ownership.VPC_TAG), "the gateway is the VPC's");
    assertFalse(tags.containsKey(Ownership.STACK_TAG), "not any one stack's");
    assertTrue(ec2.describeInternetGateways().internetGateways().stream().allMatch(g -> !g.attachments().isEmpty()),
        "no gateway left detached");
  }

  @Test
  void fourCliProcessesApplyingAtOnceConvergeOnOneGateway() throws Exception {
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      processes.add(cli("apply", "--auto-approve", "-f", manifest("cli-" + i).toString(), "--interval", "200ms", "--timeout", "90s"));
    }
    for (Process process : processes) {
      assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the apply finished");
      assertEquals(0, process.exitValue(), new String(process.getInputStream().readAllBytes()));
    }

    InternetGateway gateway = theOneGateway();
    assertEquals(gateway.internetGatewayId(), theOneDefaultRoute().gatewayId());
    assertEquals(1, ec2.describeInternetGateways().internetGateways().size(), "losers deleted theirs");
  }

  @Test
  void aDefaultRouteToAGatewayAttachedBySomeoneElseIsKept() {
    String theirs = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
    ec2.attachInternetGateway(r -> r.internetGatewayId(theirs).vpcId(vpcId));
    String routeTable = mainRouteTable().routeTableId();
    ec2.createRoute(r -> r.routeTableId(routeTable).destinationCidrBlock(NetworkComponent.ANYWHERE).gatewayId(theirs));

    aws.passes.assertSecondPassChangesNothing(Specs.minimal(), aws.meter);

    assertEquals(theirs, theOneGateway().internetGatewayId(), "no gateway of ours was added");
    assertEquals(theirs, theOneDefaultRoute().gatewayId());
  }

  @Test
  void aDefaultRouteToAGatewayNotAttachedHereIsPointedAtTheAttachedOne() {
    String stray = ec2.createInternetGateway(r -> { }).internetGateway().internetGatewayId();
    String routeTable = mainRouteTable().routeTableId();
    ec2.createRoute(r -> r.routeTableId(routeTable).destinationCidrBlock(NetworkComponent.ANYWHERE).gatewayId(stray));
    aws.meter.reset();

    aws.passes.reconcileUntilReady(Specs.minimal());

    assertEquals(1, aws.meter.count("ReplaceRoute"));
    assertEquals(theOneGateway().internetGatewayId(), theOneDefaultRoute().gatewayId());
    assertNotEquals(stray, theOneDefaultRoute().gatewayId());
  }

  @Test
  void anExtraGatewayOfOursLeftByARaceIsDetachedAndDeleted() {
    String winner = ourGateway();
    String loser = ourGateway();
    ec2.attachInternetGateway(r -> r.internetGatewayId(winner).vpcId(vpcId));
    ec2.attachInternetGateway(r -> r.internetGatewayId(loser).vpcId(vpcId)); // moto allows two; AWS would not
    ec2.createRoute(r -> r.routeTableId(mainRouteTable().routeTableId()).destinationCidrBlock(NetworkComponent.ANYWHERE)
        .gatewayId(winner));

    aws.passes.reconcileUntilReady(Specs.minimal());

    assertEquals(winner, theOneGateway().internetGatewayId(), "the routed one stays");
    assertEquals(1, ec2.describeInternetGateways().internetGateways().size(), "the other one is gone");
  }

  @Test
  void anExtraGatewayAnotherProcessDetachesFirstIsNoError() {
    String winner = ourGateway();
    String loser = ourGateway();
    ec2.attachInternetGateway(r -> r.internetGatewayId(winner).vpcId(vpcId));
    ec2.attachInternetGateway(r -> r.internetGatewayId(loser).vpcId(vpcId));
    ec2.createRoute(r -> r.routeTableId(mainRouteTable().routeTableId()).destinationCidrBlock(NetworkComponent.ANYWHERE)
        .gatewayId(winner));
    AtomicBoolean raced = new AtomicBoolean();
    ExecutionInterceptor otherProcess = new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if ("DetachInternetGateway".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
            && raced.compareAndSet(false, true)) {
          ec2.detachInternetGateway(r -> r.internetGatewayId(loser).vpcId(vpcId)); // the loser cleans up first
        }
      }
    };
    try (AwsClients racing = MotoServer.get().clients(new AwsCallMeter(), List.of(otherProcess))) {
      PassResult pass = new Passes(new StackId("shop", "stack-0"), racing.forRegion(MotoServer.REGION))
          .reconcile(Specs.minimal());

      assertTrue(raced.get(), "the other process did get there first");
      var network = pass.outcome(NetworkComponent.REF.name()).orElseThrow();
      assertTrue(network.isReady() && network.error() == null, network.toString());
    }
    assertEquals(winner, theOneGateway().internetGatewayId());
  }

  @Test
  void aDetachedGatewayOfOursIsReusedNotDuplicated() {
    String waiting = ourGateway();

    aws.passes.reconcileUntilReady(Specs.minimal());

    assertEquals(waiting, theOneGateway().internetGatewayId());
    assertEquals(1, ec2.describeInternetGateways().internetGateways().size());
  }

  /** A gateway as an interrupted repair of ours leaves it: tagged as the VPC's, not attached. */
  private String ourGateway() {
    return ec2.createInternetGateway(r -> r.tagSpecifications(Ownership.ec2TagSpec(ResourceType.INTERNET_GATEWAY,
        java.util.Map.of(Ownership.VPC_TAG, vpcId, Ownership.COMPONENT_TAG, NetworkComponent.REF.name()))))
        .internetGateway().internetGatewayId();
  }

  private InternetGateway theOneGateway() {
    List<InternetGateway> attached = ec2.describeInternetGateways(r -> r.filters(Filter.builder()
        .name("attachment.vpc-id").values(vpcId).build())).internetGateways();
    assertEquals(1, attached.size(), attached.toString());
    return attached.get(0);
  }

  private Route theOneDefaultRoute() {
    List<Route> routes = mainRouteTable().routes().stream()
        .filter(r -> NetworkComponent.ANYWHERE.equals(r.destinationCidrBlock())).toList();
    assertEquals(1, routes.size(), routes.toString());
    return routes.get(0);
  }

  private RouteTable mainRouteTable() {
    return ec2.describeRouteTables(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
        Filter.builder().name("association.main").values("true").build())).routeTables().get(0);
  }

  private Path manifest(String name) throws IOException {
    String yaml = Files.readString(Path.of("examples/api-host-secure.yaml")).replace("name: rock-of-ages", "name: " + name);
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** The CLI in a JVM of its own, against this test's moto. */
  private static Process cli(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.rockofages.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(MotoServer.get().environment());
    return builder.start();
  }
}
