package io.rockofages.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.SharedReads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's start round ({@link SharedReads#beginStartRound}): from its start until every stack
 * it knows had a pass. A restart with hundreds of stacks then reads each shared listing about once
 * for all their first passes, instead of once a look (the drift watch's, or a pass's when the
 * last look's answer expired) for as long as the first passes take.
 */
final class StartRound {
  private final SharedReads shared;
  private final Set<ResourceID> passed = ConcurrentHashMap.newKeySet();
  private volatile boolean over;

  StartRound(SharedReads shared) {
    this.shared = shared;
    shared.beginStartRound();
  }

  /** After {@code stack}'s pass: ends the round once every stack of {@code stacks} had one since the start. */
  void passed(ResourceID stack, Cache<RockOfAges> stacks) {
    if (over) {
      return;
    }
    passed.add(stack);
    if (stacks.keys().allMatch(passed::contains)) {
      over = true;
      passed.clear();
      shared.endStartRound();
    }
  }
}
