package dev.filebatch.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A batch's output folder ({@code <output dir>/<batch id>/}), created on first use. Hands out artifact paths whose
 * names are sanitised (base name only, no control or reserved characters) and never collide within the batch.
 */
final class OutputFolder {
  private final Path folder;
  private final Set<String> taken = new HashSet<>();
  private final List<Path> reserved = new ArrayList<>();
  private boolean created;
  private boolean discarded;

  OutputFolder(Path folder) {
    this.folder = folder;
  }

  synchronized Path reserve(String wished) throws IOException {
    if (discarded) {
      throw new IOException("the batch was rejected; no artifact is kept");
    }
    if (!created && !Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      created = true;
    }
    String name = sanitise(wished);
    String stem = name;
    String ext = "";
    int dot = name.lastIndexOf('.');
    if (dot > 0) {
      stem = name.substring(0, dot);
      ext = name.substring(dot);
    }
    String candidate = name;
    for (int i = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)) || Files.exists(folder.resolve(candidate)); i++) {
      candidate = stem + " (" + i + ")" + ext;
    }
    taken.add(candidate.toLowerCase(Locale.ROOT));
    Path path = folder.resolve(candidate).normalize();
    if (!path.getParent().equals(folder.normalize())) {
      throw new IOException("artifact name escapes the output folder: " + wished);
    }
    reserved.add(path);
    return path;
  }

  /**
   * Deletes every artifact handed out so far, and the folder if this batch created it and it is left empty; later
   * reservations fail. For a batch rejected after some files were processed. Never throws.
   */
  synchronized void discard() {
    discarded = true;
    for (Path p : reserved) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        // best effort: the folder belongs to the caller's output directory, not to the workspace
      }
    }
    if (created) {
      try {
        Files.deleteIfExists(folder);
      } catch (IOException e) {
        // not empty (something else wrote there) or already gone
      }
    }
  }

  Path folder() {
    return folder;
  }

  static String sanitise(String wished) {
    String base = wished == null ? "" : wished;
    int cut = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
    base = base.substring(cut + 1);
    StringBuilder sb = new StringBuilder(base.length());
    base.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp) || "<>:\"|?*".indexOf(cp) >= 0) {
        sb.append('_');
      } else {
        sb.appendCodePoint(cp);
      }
    });
    String clean = sb.toString().strip();
    while (clean.startsWith(".")) {
      clean = clean.substring(1);
    }
    if (clean.isEmpty()) {
      clean = "output";
    }
    return clean.length() > 200 ? clean.substring(clean.length() - 200) : clean;
  }
}
