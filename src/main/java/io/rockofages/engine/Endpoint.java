package io.rockofages.engine;

/** Kinds of endpoints components report. */
public enum Endpoint {
  API_PUBLIC_IP, DATABASE, SITE
}
