package io.gradspec.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gradspec.spec.Init;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The addressable (and, for large inputs, parallel) fill draws exactly what drawing one after the other
 * from {@code new SplittableRandom(seed)} draws: every entry, bit for bit, for sizes on both sides of the
 * parallel threshold.
 */
class InputSamplerFillTest {
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 7, 1000, InputSampler.PARALLEL_FILL - 1, InputSampler.PARALLEL_FILL,
      3 * InputSampler.PARALLEL_FILL + 17})
  void sameDrawsAsTheSequentialGenerator(int len) {
    SplittableRandom seeds = new SplittableRandom(len);
    for (int trial = 0; trial < 4; trial++) {
      long seed = trial == 0 ? 0 : trial == 1 ? -1 : seeds.nextLong();
      for (Init init : new Init[] {Init.NORMAL, Init.UNIFORM, Init.POSITIVE}) {
        DMatrixRMaj fast = new DMatrixRMaj(1, len), slow = new DMatrixRMaj(1, len), one = new DMatrixRMaj(1, len);
        InputSampler.fill(fast, init, seed, true);
        InputSampler.fill(one, init, seed, false);
        InputSampler.fill(slow, init, new SplittableRandom(seed));
        for (int i = 0; i < len; i++) {
          assertEquals(Double.doubleToRawLongBits(slow.data[i]), Double.doubleToRawLongBits(fast.data[i]),
              init + " seed " + seed + " entry " + i + " of " + len);
          assertEquals(Double.doubleToRawLongBits(slow.data[i]), Double.doubleToRawLongBits(one.data[i]));
        }
      }
    }
  }
}
