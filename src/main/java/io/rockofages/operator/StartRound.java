package io.rockofages.operator;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.rockofages.api.RockOfAges;
import io.rockofages.aws.SharedReads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the operator's start round ({@link SharedReads#beginStartRound}, begun when JOSDK starts
 * the drift watch with the controller): once every stack it knows had a pass, or, should a stack's
 * never come, a resync after the last stack's first pass. A restart with hundreds
 * of stacks then reads each shared listing about once for all their first passes, instead of once a
 * look (the drift watch's, or a pass's when the last look's answer expired) for as long as the first
 * passes take.
 */
final class StartRound {
  private static final Logger LOG = LoggerFactory.getLogger(StartRound.class);

  private final SharedReads shared;
  /** The stacks that had a pass in the round on now; emptied when none is. */
  private final Set<ResourceID> passed = ConcurrentHashMap.newKeySet();

  StartRound(SharedReads shared) {
    this.shared = shared;
  }

  /** After {@code stack}'s pass: ends the round once every stack of {@code stacks} had one since it began. */
  void passed(ResourceID stack, Cache<RockOfAges> stacks) {
    if (!shared.inStartRound()) {
      if (!passed.isEmpty()) {
        passed.clear();
      }
      return;
    }
    if (passed.add(stack)) {
      shared.startRoundMovedOn();
    }
    if (stacks.keys().allMatch(passed::contains) && shared.endStartRound()) {
      LOG.info("start round over: {} stacks had a pass since the start; the drift watch looks from now on",
          passed.size());
    }
  }
}
