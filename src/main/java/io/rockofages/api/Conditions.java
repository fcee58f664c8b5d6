package io.rockofages.api;

/** Condition types and phases used in status. */
public final class Conditions {
  private Conditions() {}

  public static final String READY = "Ready";
  public static final String RECONCILING = "Reconciling";
  public static final String STALLED = "Stalled";
  public static final String NETWORK_READY = "NetworkReady";
  public static final String API_READY = "ApiReady";
  public static final String DATABASE_READY = "DatabaseReady";
  public static final String SITE_READY = "SiteReady";
  public static final String CDN_READY = "CdnReady";
  public static final String SECURITY_ADVISORY = "SecurityAdvisory";
  public static final String PAUSED = "Paused";
  public static final String OBSERVE_ONLY = "ObserveOnly";

  /** status.phase values. */
  public enum Phase {
    Pending, Provisioning, Ready, Degraded, Deleting, Failed, Paused, OutOfSync
  }
}
