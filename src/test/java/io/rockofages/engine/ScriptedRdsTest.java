package io.rockofages.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rockofages.api.DatabaseSpec;
import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.RockOfAgesStatus;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.components.apihost.ApiInstanceComponent;
import io.rockofages.components.apihost.ApiRoleComponent;
import io.rockofages.components.database.DatabaseComponent;
import io.rockofages.testing.Passes;
import io.rockofages.testing.ScriptedEc2;
import io.rockofages.testing.ScriptedIam;
import io.rockofages.testing.ScriptedRds;
import io.rockofages.testing.Specs;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RDS states moto never shows: creating, backing-up, modifying, storage-full. */
class ScriptedRdsTest {
  private final ScriptedRds rds = new ScriptedRds();
  private final Passes passes = new Passes(new StackId("shop", "rock"),
      AwsServices.of("us-east-1", new ScriptedEc2(), rds, new ScriptedIam()));
  private final Timing timing = Timing.defaults(Duration.ofSeconds(60));
  private final RockOfAgesSpec spec = Specs.minimal();

  ScriptedRdsTest() {
    spec.setDatabase(new DatabaseSpec());
  }

  private ComponentOutcome database(PassResult pass) {
    return pass.outcome(DatabaseComponent.REF.name()).orElseThrow();
  }

  @Test
  void creatingThenBackingUpThenAvailableWithTheApiHostWaiting() {
    rds.statuses("creating", "backing-up", "available");

    PassResult first = passes.reconcile(spec);
    assertEquals(ComponentState.Creating, database(first).state());
    assertEquals("created; RDS status: creating", database(first).message());
    assertEquals(ComponentState.Waiting, first.outcome(ApiInstanceComponent.REF.name()).orElseThrow().state());
    assertEquals(timing.progress().dividedBy(4), timing.next(first, Duration.ZERO));

    PassResult second = passes.reconcile(spec);
    assertEquals("RDS status: backing-up", database(second).message());
    assertEquals(ComponentState.Updating, database(second).state(), "only \"creating\" reads as Creating");
    assertTrue(second.outcome(ApiRoleComponent.REF.name()).orElseThrow().message().startsWith("waiting for database"),
        "the host's role may read the password's secret once RDS has named it");
    assertEquals(ComponentState.Waiting, second.outcome(ApiInstanceComponent.REF.name()).orElseThrow().state());

    PassResult third = passes.reconcile(spec);
    assertTrue(database(third).isReady());
    assertEquals(Action.CREATE, third.outcome(ApiInstanceComponent.REF.name()).orElseThrow().action(),
        "the API host is launched once the database is there");
  }

  @Test
  void noChangeIsSentWhileRdsIsModifying() {
    rds.statuses("available");
    passes.reconcileUntilReady(spec);
    spec.getDatabase().setInstanceClass("db.m5.large");
    rds.statuses("modifying");

    PassResult busy = passes.reconcile(spec);

    assertEquals(0, rds.modifications.size(), "RDS takes one change at a time");
    assertEquals(ComponentState.Updating, database(busy).state());
    assertEquals("updated (instanceClass: db.t3.micro -> db.m5.large); RDS status: modifying", database(busy).message());
    rds.statuses("available");
    passes.reconcile(spec);
    assertEquals("db.m5.large", rds.modifications.get(0).dbInstanceClass());
    assertTrue(rds.modifications.get(0).applyImmediately(), "ApplyImmediately is always explicit");
  }

  @Test
  void storageFullStallsWithRdsWords() {
    rds.statuses("available");
    passes.reconcileUntilReady(spec);
    rds.statuses("storage-full");

    PassResult full = passes.reconcile(spec);

    assertEquals(ComponentState.Failed, database(full).state());
    assertTrue(full.stall().isPresent());
    RockOfAgesStatus status = StatusAggregator.aggregate(full, null, 1, Instant.EPOCH);
    assertEquals("False", status.condition("DatabaseReady").orElseThrow().getStatus());
    assertTrue(status.condition("Stalled").orElseThrow().getMessage().contains("RDS status: storage-full"));
  }
}
