package io.gradspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradspec.result.ClaimResult;
import io.gradspec.result.RunResult;
import io.gradspec.result.Status;
import io.gradspec.run.RunOptions;
import io.gradspec.run.Suite;
import io.gradspec.spec.CheckSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mode {@code --mode auto} picks: by |wrt|, and full for sparse index-formula claims. */
class AutoModeTest {
  @TempDir Path dir;

  private List<ClaimResult> run(String yaml) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    RunOptions options = RunOptions.of(CheckOptions.builder()
        .explicit(new CheckSettings(1, null, null, null, null, null)).jobs(2).mode(Mode.AUTO).build());
    RunResult r = Suite.run(List.of(f), options);
    return r.specs().get(0).claims();
  }

  @Test
  void aSparseFormulaClaimStaysInFullModeAboveTheLimit() throws IOException {
    // |wrt X| = 64 * 128 = 8192 > 4096, but each column of the claim has C = 32 non-zero rows at most
    List<ClaimResult> claims = run("""
        name: rowlinear
        dims: {N: 64, D: 128, C: 32}
        inputs: {X: [N, D], W: [D, C]}
        define:
          Y: X * W
        claims:
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j]"}
          - {wrt: X, claim: "[i, j, k, l] -> delta(i, k) * W[l, j] + 0.5 * delta(i, 2) * delta(j, 3) * delta(k, 5) * delta(l, 7)", expect: fail}
        """);
    assertEquals(Status.PASSED, claims.get(0).status());
    assertEquals("full", claims.get(0).mode());
    // a sum pins nothing: no support, so fast mode (which still finds the error)
    assertEquals(Status.XFAILED, claims.get(1).status());
    assertEquals("fast", claims.get(1).mode());
    assertEquals(1, claims.get(1).offenders().size());
    assertEquals(List.of(2, 3, 5, 7), java.util.Arrays.stream(claims.get(1).offenders().get(0).index()).boxed().toList());
  }

  @Test
  void aDenseClaimAboveTheLimitRunsFast() throws IOException {
    List<ClaimResult> claims = run("""
        name: quadform
        dims: {n: 80}
        inputs: {A: [n, n], x: [n]}
        define:
          f: x' * A * x
        claims:
          - {wrt: A, claim: "x * x'"}
          - {wrt: x, claim: "(A + A') * x"}
        """);
    assertEquals("fast", claims.get(0).mode());   // 6400 components, an expression claim
    assertEquals("full", claims.get(1).mode());   // 80 components
    assertEquals(Status.PASSED, claims.get(0).status());
    assertEquals(Status.PASSED, claims.get(1).status());
  }
}
