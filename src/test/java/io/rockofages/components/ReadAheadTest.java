package io.rockofages.components;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rockofages.api.RockOfAgesSpec;
import io.rockofages.api.StackId;
import io.rockofages.aws.AwsServices;
import io.rockofages.aws.HandRunSharedReads;
import io.rockofages.components.cdn.DistributionComponent;
import io.rockofages.components.database.SubnetGroupComponent;
import io.rockofages.components.site.SiteBucketComponent;
import io.rockofages.engine.Component;
import io.rockofages.engine.StackContext;
import io.rockofages.engine.StackInputs;
import io.rockofages.testing.Specs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a component starts reading ahead of a pass: the tags listing of its kind only once status
 * reports its resource, since a pass reads tags only of a resource that exists (on a create they
 * would be read for nothing, and could land between the create's writes).
 */
class ReadAheadTest {
  private final RockOfAgesSpec spec = Specs.fullStack();

  static Stream<Arguments> componentsAndTheirListings() {
    return Stream.of(Arguments.of(new SiteBucketComponent(), 0), Arguments.of(new SubnetGroupComponent(), 1),
        Arguments.of(new DistributionComponent(true), 1));
  }

  @ParameterizedTest
  @MethodSource("componentsAndTheirListings")
  void theTagsListingIsReadAheadOnlyOfAResourceStatusReports(Component<?, ?> component, int listingsBesideTags) {
    assertEquals(listingsBesideTags, readsStartedAhead(component, Map.of()), "nothing reported: no tags read ahead");
    assertEquals(listingsBesideTags + 1, readsStartedAhead(component, Map.of(component.name(), "reported-id")),
        "reported: its kind's tags listing is read ahead too");
  }

  /** How many reads {@code component} starts ahead of a process's first pass, with {@code reported} in status. */
  private int readsStartedAhead(Component<?, ?> component, Map<String, String> reported) {
    List<Runnable> waiting = new ArrayList<>();
    AwsServices aws = new AwsServices("us-east-1", null, null, null, null, null, null, null, null,
        HandRunSharedReads.queuingIn(waiting));
    component.readAhead(new StackContext(new StackId("shop", "one"), spec, aws, Clock.systemUTC(),
        StackInputs.none().withKnown(reported, Map.of())).scopedTo(component));
    return waiting.size();
  }
}
