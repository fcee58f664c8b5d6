package io.rockofages.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StackIdTest {
  @Test
  void shortNamesAreReadable() {
    assertEquals("roa-shop-rock", new StackId("shop", "rock").namePrefix(100));
    assertEquals("shop/rock", new StackId("shop", "rock").tagValue());
  }

  @Test
  void longNamesAreCutWithAStableHashThatKeepsThemApart() {
    String longName = "a".repeat(253);
    String one = new StackId("ns", longName).namePrefix(60);
    String two = new StackId("ns", longName.substring(1) + "b").namePrefix(60);
    assertEquals(60, one.length());
    assertTrue(one.startsWith("roa-ns-aaa"));
    assertNotEquals(one, two);
    assertEquals(one, new StackId("ns", longName).namePrefix(60), "deterministic");
  }

  @Test
  void aStackTagNamesItsStackAndAValueNoStackWritesNamesNone() {
    assertEquals(Optional.of(new StackId("shop", "rock")), StackId.fromTagValue(new StackId("shop", "rock").tagValue()));
    assertEquals(List.of(), Stream.of("shop", "/rock", "shop/", " /rock", "shop/ ")
        .flatMap(value -> StackId.fromTagValue(value).stream()).toList());
  }

  @Test
  void blankPartsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new StackId("", "x"));
  }
}
