package io.gradspec.spec.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFinderTest {

  private static void touch(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, "name: x\n");
  }

  private static List<String> rel(Path root, List<Path> found) {
    return found.stream().map(p -> root.relativize(p).toString().replace('\\', '/')).collect(Collectors.toList());
  }

  @Test
  void findsYamlRecursivelyInSortedOrderSkippingHidden(@TempDir Path dir) throws Exception {
    touch(dir.resolve("specs/b.yaml"));
    touch(dir.resolve("specs/a.yml"));
    touch(dir.resolve("specs/sub/c.yaml"));
    touch(dir.resolve("specs/notes.txt"));
    touch(dir.resolve("specs/.hidden.yaml"));
    touch(dir.resolve("specs/.git/d.yaml"));
    touch(dir.resolve("specs/sub/.cache/e.yaml"));
    touch(dir.resolve("specs/A.yaml"));
    Diagnostics problems = new Diagnostics();
    List<Path> found = SpecFinder.find(List.of(dir.resolve("specs")), problems);
    assertEquals(List.of("specs/A.yaml", "specs/a.yml", "specs/b.yaml", "specs/sub/c.yaml"), rel(dir, found));
    assertFalse(problems.hasErrors());
  }

  @Test
  void filesAreTakenAsTheyAreAndDuplicatesRemoved(@TempDir Path dir) throws Exception {
    touch(dir.resolve("specs/b.yaml"));
    touch(dir.resolve("specs/a.yaml"));
    touch(dir.resolve("other/.x.yaml"));
    touch(dir.resolve("other/spec.txt"));
    Diagnostics problems = new Diagnostics();
    List<Path> found = SpecFinder.find(List.of(dir.resolve("specs/b.yaml"), dir.resolve("specs"),
        dir.resolve("specs/./a.yaml"), dir.resolve("other/spec.txt"), dir.resolve("other/.x.yaml")), problems);
    assertEquals(List.of("other/.x.yaml", "other/spec.txt", "specs/a.yaml", "specs/b.yaml"), rel(dir, found));
    assertFalse(problems.hasErrors());
  }

  @Test
  void aHiddenRootIsStillSearched(@TempDir Path dir) throws Exception {
    touch(dir.resolve(".specs/a.yaml"));
    List<Path> found = SpecFinder.find(List.of(dir.resolve(".specs")), new Diagnostics());
    assertEquals(List.of(".specs/a.yaml"), rel(dir, found));
  }

  @Test
  void missingPathIsAnError(@TempDir Path dir) throws Exception {
    touch(dir.resolve("a.yaml"));
    Diagnostics problems = new Diagnostics();
    Path missing = dir.resolve("nope");
    List<Path> found = SpecFinder.find(List.of(missing, dir), problems);
    assertEquals(List.of("a.yaml"), rel(dir, found));
    assertEquals(1, problems.size());
    Diagnostic d = problems.all().get(0);
    assertEquals("no such file or directory: `" + missing.toString().replace('\\', '/') + "`", d.message());
    assertNull(d.span());
  }

  @Test
  void emptyFolderFindsNothing(@TempDir Path dir) {
    Diagnostics problems = new Diagnostics();
    assertEquals(List.of(), SpecFinder.find(List.of(dir), problems));
    assertFalse(problems.hasErrors());
  }
}
