package io.rockofages.components.site;

import java.util.Map;

/** Content-Type by file extension, for what a static site holds. */
final class ContentTypes {
  private ContentTypes() {}

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
      Map.entry("map", "application/json"), Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("xml", "application/xml"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"),
      Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"),
      Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"), Map.entry("ttf", "font/ttf"),
      Map.entry("pdf", "application/pdf"), Map.entry("wasm", "application/wasm"),
      Map.entry("webmanifest", "application/manifest+json"));

  static String of(String key) {
    int dot = key.lastIndexOf('.');
    String extension = dot < 0 ? "" : key.substring(dot + 1).toLowerCase();
    return BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
  }
}
