package io.rockofages.testing;

import io.rockofages.api.StackId;
import io.rockofages.aws.AwsCallMeter;
import io.rockofages.aws.AwsClients;

/** A freshly reset moto, metered clients for it, and an engine driver for one stack. */
public final class AwsFixture implements AutoCloseable {
  public final AwsCallMeter meter = new AwsCallMeter();
  public final AwsClients clients;
  public final Passes passes;

  public AwsFixture(StackId stack) {
    MotoServer moto = MotoServer.get();
    moto.reset();
    clients = moto.clients(meter);
    passes = new Passes(stack, clients.forRegion(MotoServer.REGION));
  }

  @Override
  public void close() {
    clients.close();
  }
}
