package dev.filebatch.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;

/**
 * The magic screen only ever skips Tika's magic loop when Tika's answer is its text heuristic's: checked against
 * Tika itself over texts of many kinds, look-alikes of magic rules, binary junk and a head built from every rule.
 */
class MagicScreenTest {
  private final TypeDetector types = new TypeDetector();
  private final MagicScreen screen = MagicScreen.forDefaultRegistry(MimeTypes.getDefaultMimeTypes());

  private static byte[] bytes(String s, Charset cs) {
    return s.getBytes(cs);
  }

  private static byte[] utf8(String s) {
    return bytes(s, StandardCharsets.UTF_8);
  }

  /** Texts of many kinds, many of them one character away from one of Tika's text rules. */
  static Map<String, byte[]> texts() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    String[] samples = {
        "hello", "Note 1: the quick brown fox jumps over the lazy dog.\n", "a", "\n", " ", "ok\r\n",
        "Ünïcödé тест 中文 日本語 한국어 العربية עברית 🙂\n", "a,b,c\n1,2,3\n", "\"name\";\"value\"\n\"x\";1\n",
        "{\"json\": [1, 2, 3], \"ok\": true}\n", "[1, 2, 3]", "key: value\nlist:\n  - a\n", "[section]\nkey=value\n",
        "# Title\n\nSome *markdown* text.\n", "SELECT * FROM t WHERE a = 1;\n", "body { color: red; }\n",
        "function f() { return 1; }\n", "var x = 1;\n", "import os\nprint('hi')\n", "package main\n",
        "public class A {}\n", "#include <stdio.h>\nint main() {}\n", "\\documentclass{article}\n",
        "12345 not marc enough\n", "1234 short digits\n", "digraph G { a -> b }\n", "graph { a -- b }\n",
        "// comment\ndigraph x {}\n", "function y = f(x)\n", "function [a] = g(b)\n", "X-Mailer: test\n\nbody\n",
        "From: a@example.com\nTo: b@example.com\nSubject: hi\n\nbody\n", "Received: from x\n",
        "Date: Mon, 1 Jan 2024\nFrom: x\n", "Return-Path: <a@b>\n", "user-agent: *\nDisallow: /\n",
        "User-Agent: x\nAllow: /a\n", "#!/bin/sh\necho hi\n", "#!/usr/bin/env python\nprint(1)\n", "#!perl\n",
        "<?php echo 1; ?>\n", "%!PS-Adobe-3.0\n", "%!\n", "{\\rtf1\\ansi hello}\n", "{\\rtf", "<html><body>x</body></html>",
        "<!DOCTYPE html>\n<html>", "<HTML>", "<head><title>t</title></head>", "<div>x</div>", "<h1>Title</h1>",
        "<p>para</p>", "<?xml version=\"1.0\"?><root/>", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a><b/></a>",
        "<svg width=\"1\"/>", "<rss version=\"2.0\"></rss>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
        "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "-----BEGIN PGP MESSAGE-----\n",
        "MIME-Version: 1.0\nContent-Type: text/plain\n\nx\n", "Content-Type: multipart/mixed\n", "BZh9", "BZ", "P4\n1 1\n",
        "P6", "P1\n", "FCS3.0    ", "JAVA PROFILE 1.0.1,", "ARC-Seal: x\n", "DKIM-Signature: x\n", "MZ text",
        "PK but not a zip", "GIF8", "%PDF", "\u00ef\u00bb\u00bf", "0\nSECTION\n2\nHEADER\n", "999\nx\n0\nSECTION\n",
        "@echo off\r\n", "REM batch\r\n", "Subject: x\n", "Message-ID: <a@b>\n", "Hello\u0000World", "\t\ttabs\n",
        "%YAML 1.2\n---\n", "---\ntitle: x\n---\n", "=begin\n", "<!-- comment -->", "<%@ page %>", "<script>x</script>",
        "WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", "[Script Info]\n",
        ".TH MAN 1\n", "diff --git a/x b/x\n", "--- a/x\n+++ b/x\n", "Index: x\n=====\n", "# -*- coding: utf-8 -*-\n"};
    for (int i = 0; i < samples.length; i++) {
      m.put("text " + i + ": " + samples[i].strip(), utf8(samples[i]));
    }
    m.put("utf-16le with bom", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes("hello text", StandardCharsets.UTF_16LE)));
    m.put("utf-16be with bom", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, bytes("hello text", StandardCharsets.UTF_16BE)));
    m.put("latin-1", bytes("café déjà vu, naïve façade\n", StandardCharsets.ISO_8859_1));
    m.put("utf-8 with bom", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("hello")));
    StringBuilder lorem = new StringBuilder();
    for (int i = 0; lorem.length() < 70_000; i++) {
      lorem.append("Line ").append(i).append(": lorem ipsum dolor sit amet, consectetur adipiscing elit.\n");
    }
    m.put("16 KB text", utf8(lorem.substring(0, 16 * 1024)));
    m.put("8 KB text", utf8(lorem.substring(0, 8 * 1024 + 7)));
    m.put("70 KB text (past Tika's header)", utf8(lorem.toString()));
    return m;
  }

  /** Binary junk: random, constant and short bodies. */
  static Map<String, byte[]> junk() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    Random r = new Random(42);
    for (int n : new int[] {1, 2, 3, 4, 7, 16, 100, 1000, 8192, 70_000}) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      m.put("random " + n, b);
      m.put("zeros " + n, new byte[n]);
      byte[] ff = new byte[n];
      java.util.Arrays.fill(ff, (byte) 0xFF);
      m.put("0xFF " + n, ff);
    }
    for (int v = 0; v < 256; v++) {
      m.put("byte " + v, new byte[] {(byte) v});
      m.put("byte " + v + " then text", concat(new byte[] {(byte) v}, utf8("abc def ghi")));
    }
    return m;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private void assertSameAsTika(String what, byte[] body) {
    assertThat(types.byContent(body, body.length)).as(what).isEqualTo(types.byTika(body, body.length));
  }

  @Test
  void isBuiltFromTikasRegistry() {
    assertThat(screen).as("the screen could be built from Tika's registry").isNotNull();
    assertThat(screen.size()).isGreaterThan(800);
    assertThat(types.screening()).isTrue();
  }

  @Test
  void givesTikasAnswerForTextsOfManyKinds() {
    texts().forEach(this::assertSameAsTika);
  }

  @Test
  void givesTikasAnswerForBinaryJunk() {
    junk().forEach(this::assertSameAsTika);
  }

  @Test
  void neverClearsAHeadThatSatisfiesAnyRuleClause() {
    List<byte[]> heads = screen.headsMatchingEachClause();
    assertThat(heads).hasSizeGreaterThan(1500);
    List<String> cleared = new ArrayList<>();
    for (byte[] h : heads) {
      if (screen.noMagicMatches(h, h.length)) {
        cleared.add(new String(h, StandardCharsets.ISO_8859_1));
      }
      assertSameAsTika("clause head", h);
    }
    assertThat(cleared).as("heads holding a rule's pattern that the screen cleared").isEmpty();
  }

  @Test
  void skipsTheMagicLoopForPlainText() {
    for (String s : new String[] {"hello", "Note 1: the quick brown fox jumps over the lazy dog.\n", "a,b,c\n1,2,3\n"}) {
      byte[] b = utf8(s);
      assertThat(screen.noMagicMatches(b, b.length)).as(s).isTrue();
    }
  }

  @Test
  void sendsTextThatARuleMatchesToTika() {
    for (String s : new String[] {"#!/bin/sh\necho\n", "<html><body/></html>", "{\\rtf1 x}", "%!PS-Adobe-3.0\n",
        "From: a@b.c\nTo: d@e.f\nSubject: x\n\nx\n", "BZh9", "12345", "digraph G {}"}) {
      byte[] b = utf8(s);
      assertThat(screen.noMagicMatches(b, b.length)).as(s).isFalse();
    }
  }
}
