package io.rockofages.testing;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads values out of the Prometheus text format, as a scraper would. */
public final class PrometheusText {
  private PrometheusText() {}

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$");

  /** The sum of the samples of {@code metric} whose labels include all of {@code labels}. */
  public static double sum(String scrape, String metric, Map<String, String> labels) {
    double total = 0;
    for (String line : scrape.lines().toList()) {
      Matcher sample = SAMPLE.matcher(line);
      if (sample.matches() && sample.group(1).equals(metric) && labels.entrySet().stream()
          .allMatch(l -> sample.group(3) != null && sample.group(3).contains(l.getKey() + "=\"" + l.getValue() + "\""))) {
        total += Double.parseDouble(sample.group(4));
      }
    }
    return total;
  }
}
