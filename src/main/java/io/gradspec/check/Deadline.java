package io.gradspec.check;

import io.gradspec.spec.Diagnostic;
import io.gradspec.spec.Spec;
import java.time.Duration;

/**
 * A cooperative time limit for one spec ({@code --timeout}): the checker polls it once per trial and once
 * per numeric column, and an expired deadline ends that spec with an error while the others go on.
 */
final class Deadline {
  private static final Deadline NONE = new Deadline(Long.MAX_VALUE, Duration.ZERO);

  private final long endNanos;
  private final Duration timeout;

  private Deadline(long endNanos, Duration timeout) {
    this.endNanos = endNanos;
    this.timeout = timeout;
  }

  /** A deadline {@code timeout} from now; none when the timeout is zero. */
  static Deadline after(Duration timeout) {
    if (timeout.isZero()) return NONE;
    long nanos = timeout.toNanos();
    return new Deadline(System.nanoTime() + nanos, timeout);
  }

  static Deadline none() { return NONE; }

  /** @throws Expired once the deadline has passed */
  void check() {
    if (this != NONE && System.nanoTime() - endNanos > 0) throw new Expired(timeout);
  }

  /** Thrown through the checker's loops and caught in {@link Checker}, which reports the spec as an error. */
  static final class Expired extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration timeout;

    Expired(Duration timeout) {
      super("timeout", null, false, false);
      this.timeout = timeout;
    }

    Diagnostic diagnostic(Spec spec) {
      String secs = timeout.toMillis() % 1000 == 0 ? Long.toString(timeout.toSeconds())
          : String.format(java.util.Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0);
      return Diagnostic.error("timeout", spec.name().span(), "spec `" + spec.name().value()
              + "` was stopped after the timeout of " + secs + " s")
          .withLabel("still running")
          .withHelp("use fewer trials or smaller dims, or raise the limit with `--timeout`");
    }
  }
}
