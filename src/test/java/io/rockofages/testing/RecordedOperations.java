package io.rockofages.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every AWS operation rockofages' own code makes during the tests, written under {@link #DIRECTORY}
 * (one "Service:Operation" per line); what a test calls itself (to set a scene or check a result) is
 * left out: the nearest rockofages frame on the stack must be main code, not test code.
 * The SDK installs it on every client in the test JVM (it is listed in the SDK's global
 * {@code execution.interceptors} resource), so the operator's own clients are counted too; after
 * the suite, {@code IamPolicyIT} compares the set with {@code deploy/iam-policy.json}.
 */
public final class RecordedOperations implements ExecutionInterceptor {
  /** One file per JVM (the operator and CLI processes some tests start record too); the build empties it first. */
  public static final Path DIRECTORY = Path.of("target", "aws-operations");
  private static final Path FILE = DIRECTORY.resolve(ProcessHandle.current().pid() + ".txt");
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    record(attributes);
  }

  /** A refused call was still asked for: the policy must allow it (access denied aside, which tests do not meet). */
  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    record(attributes);
  }

  private static boolean calledByMainCode() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
        .map(StackWalker.StackFrame::getDeclaringClass)
        .filter(type -> type.getName().startsWith("io.rockofages.") && type != RecordedOperations.class)
        .findFirst().map(RecordedOperations::isMainCode).orElse(false));
  }

  /** Main classes load from target/classes, tests from target/test-classes. */
  private static boolean isMainCode(Class<?> type) {
    var source = type.getProtectionDomain().getCodeSource();
    return source != null && !source.getLocation().toString().contains("test-classes");
  }

  private static void record(ExecutionAttributes attributes) {
    if (!calledByMainCode()) {
      return;
    }
    String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (SEEN.add(operation)) {
      synchronized (RecordedOperations.class) {
        try {
          Files.createDirectories(DIRECTORY);
          Files.writeString(FILE, operation + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
