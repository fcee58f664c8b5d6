package io.rockofages.engine;

import io.rockofages.api.Conditions;

/** Component groups, each reported by one status condition. */
public enum ComponentGroup {
  NETWORK(Conditions.NETWORK_READY), API(Conditions.API_READY), DATABASE(Conditions.DATABASE_READY),
  SITE(Conditions.SITE_READY), CDN(Conditions.CDN_READY);

  private final String conditionType;

  ComponentGroup(String conditionType) {
    this.conditionType = conditionType;
  }

  public String conditionType() {
    return conditionType;
  }
}
