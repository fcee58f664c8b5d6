package io.rockofages.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One whole web stack on AWS: network, API host, (later) database and site. */
@Group(RockOfAges.GROUP)
@Version(RockOfAges.VERSION)
@Kind("RockOfAges")
@Plural("rockofages")
@Singular("rockofages")
@ShortNames("roa")
// Default columns fit a normal terminal; the long endpoints and the drift count are for -o wide.
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Status", jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Site", jsonPath = ".status.endpoints.site", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "API", jsonPath = ".status.endpoints.api", type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(name = "Database", jsonPath = ".status.endpoints.database",
    type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Drift", jsonPath = ".status.driftCount", type = AdditionalPrinterColumn.Type.INTEGER,
    priority = 1)
public class RockOfAges extends CustomResource<RockOfAgesSpec, RockOfAgesStatus> implements Namespaced {
  public static final String GROUP = "rockofages.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CRD_NAME = "rockofages." + GROUP;
}
