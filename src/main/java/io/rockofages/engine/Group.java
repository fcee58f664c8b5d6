package io.rockofages.engine;

/** A group of components reported together by one status condition (e.g. DatabaseReady). */
public record Group(String conditionType) {}
