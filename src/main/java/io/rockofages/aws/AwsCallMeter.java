package io.rockofages.aws;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts every AWS call by service, operation and outcome. It is installed on every client the
 * factory builds, so no call escapes it; the operator exports the counts as metrics and the CLI
 * prints a summary.
 */
public final class AwsCallMeter implements ExecutionInterceptor {
  public static final String SUCCESS = "success";

  /** One counted kind of call. */
  public record Call(String service, String operation, String outcome) implements Comparable<Call> {
    public boolean mutating() {
      return isMutating(operation);
    }

    @Override
    public int compareTo(Call o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return service + ":" + operation + ":" + outcome;
    }
  }

  private final Map<Call, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    count(attributes, SUCCESS);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable error = context.exception();
    String outcome = error instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && aws.awsErrorDetails().errorCode() != null
        ? aws.awsErrorDetails().errorCode() : error.getClass().getSimpleName();
    count(attributes, outcome);
  }

  private void count(ExecutionAttributes attributes, String outcome) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(new Call(service, operation, outcome), k -> new LongAdder()).increment();
  }

  /** Reads have names starting with Describe, Get, List or Head; everything else changes AWS. */
  public static boolean isMutating(String operation) {
    return !(operation.startsWith("Describe") || operation.startsWith("Get") || operation.startsWith("List")
        || operation.startsWith("Head"));
  }

  /** A sorted copy of the counts. */
  public Map<Call, Long> snapshot() {
    Map<Call, Long> copy = new TreeMap<>();
    counts.forEach((call, n) -> copy.put(call, n.sum()));
    return copy;
  }

  public long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long mutatingCalls() {
    return counts.entrySet().stream().filter(e -> e.getKey().mutating()).mapToLong(e -> e.getValue().sum()).sum();
  }

  /** Calls made so far of one kind (for a metrics registry to read). */
  public double count(Call call) {
    LongAdder n = counts.get(call);
    return n == null ? 0 : n.sum();
  }

  public long count(String operation) {
    return counts.entrySet().stream().filter(e -> e.getKey().operation().equals(operation))
        .mapToLong(e -> e.getValue().sum()).sum();
  }

  /** One line for the CLI, e.g. "AWS calls: 14 (3 changing: RunInstances 1, ...)". */
  public String summary() {
    Map<String, Long> byOperation = new TreeMap<>();
    snapshot().forEach((call, n) -> {
      if (call.mutating()) {
        byOperation.merge(call.operation(), n, Long::sum);
      }
    });
    StringBuilder line = new StringBuilder("AWS calls: ").append(total()).append(" (").append(mutatingCalls())
        .append(" changing");
    byOperation.forEach((op, n) -> line.append(", ").append(op).append(' ').append(n));
    return line.append(')').toString();
  }

  public void reset() {
    counts.clear();
  }
}
