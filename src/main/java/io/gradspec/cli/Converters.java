package io.gradspec.cli;

import io.gradspec.check.CheckOptions;
import io.gradspec.check.Mode;
import io.gradspec.report.output.ReportFormat;
import io.gradspec.run.Selection;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.Method;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Every option converter of the commands; their messages say what was expected and what was found. */
final class Converters {
  // Completion offers the words the help and README use (picocli would offer the enum's constants, HTML)

  /** --format's words, for completion. */
  static final class FormatWords implements Iterable<String> {
    @Override public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(ReportFormat.values()).map(ReportFormat::word).iterator();
    }
  }

  /** --method's words, for completion. */
  static final class MethodWords implements Iterable<String> {
    @Override public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(Method.values()).map(Method::word).iterator();
    }
  }

  /** --mode's words, for completion. */
  static final class ModeWords implements Iterable<String> {
    @Override public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(Mode.values()).map(Mode::word).iterator();
    }
  }

  private Converters() {}

  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override public ReportFormat convert(String value) {
      try {
        return ReportFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** central, richardson or complex-step, in any case. */
  static final class MethodConverter implements ITypeConverter<Method> {
    @Override public Method convert(String value) {
      return byWord(Method.values(), Method::word, value, "central, richardson or complex-step");
    }
  }

  /** Any 64-bit integer (seed). */
  static final class LongConverter implements ITypeConverter<Long> {
    @Override public Long convert(String value) {
      try {
        return Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected an integer, found `" + value + "`");
      }
    }
  }

  /** An integer of at least 1 (trials). */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override public Integer convert(String value) {
      int n = parseInt(value);
      if (n < 1) throw new TypeConversionException("expected an integer of at least 1, found `" + value + "`");
      return n;
    }
  }

  /** `--jobs`: 1 to {@link CheckOptions#MAX_JOBS} threads (a thread pool refuses more than 32767). */
  static final class Jobs implements ITypeConverter<Integer> {
    @Override public Integer convert(String value) {
      int n = parseInt(value);
      if (n < 1 || n > CheckOptions.MAX_JOBS) {
        throw new TypeConversionException("expected 1 to " + CheckOptions.MAX_JOBS + " threads, found `" + value
            + "` (more threads than cores gain nothing: this machine has "
            + Runtime.getRuntime().availableProcessors() + ")");
      }
      return n;
    }
  }

  /** An integer of at least 0 (max offenders). */
  static final class NonNegativeInt implements ITypeConverter<Integer> {
    @Override public Integer convert(String value) {
      int n = parseInt(value);
      if (n < 0) throw new TypeConversionException("expected an integer of at least 0, found `" + value + "`");
      return n;
    }
  }

  /** A finite number of at least 0 (rtol, atol). */
  static final class NonNegative implements ITypeConverter<Double> {
    @Override public Double convert(String value) {
      double v = parseDouble(value);
      if (!(v >= 0)) throw new TypeConversionException("expected a number of at least 0, found `" + value + "`");
      return v;
    }
  }

  /** A finite number of at least machine epsilon (step). */
  static final class Step implements ITypeConverter<Double> {
    @Override public Double convert(String value) {
      double v = parseDouble(value);
      if (!(v > 0)) throw new TypeConversionException("expected a number above 0, found `" + value + "`");
      if (v < CheckSettings.MIN_STEP) {
        throw new TypeConversionException("expected a number of at least 2.2e-16, found `" + value + "`: "
            + CheckSettings.STEP_HELP);
      }
      return v;
    }
  }

  /** full, fast or auto, in any case. */
  static final class ModeConverter implements ITypeConverter<Mode> {
    @Override public Mode convert(String value) {
      return byWord(Mode.values(), Mode::word, value, "full, fast or auto");
    }
  }

  /** An integer of at least 1, written plainly or as {@code 1e8}. */
  static final class PositiveLong implements ITypeConverter<Long> {
    @Override public Long convert(String value) {
      try {
        BigDecimal d = new BigDecimal(value.strip());
        if (d.signum() > 0 && d.stripTrailingZeros().scale() <= 0 && d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
          return d.longValueExact();
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // fall through to the message below
      }
      throw new TypeConversionException("expected an integer of at least 1, found `" + value + "`");
    }
  }

  /** A number of seconds, at least 0 (0: no limit). */
  static final class Seconds implements ITypeConverter<Duration> {
    @Override public Duration convert(String value) {
      try {
        BigDecimal d = new BigDecimal(value.strip());
        if (d.signum() >= 0 && d.compareTo(BigDecimal.valueOf(1_000_000_000L)) <= 0) {
          return Duration.ofNanos(d.movePointRight(9).longValue());
        }
      } catch (NumberFormatException e) {
        // fall through to the message below
      }
      throw new TypeConversionException("expected a number of seconds of at least 0, found `" + value + "`");
    }
  }

  /** "2/4". */
  static final class ShardConverter implements ITypeConverter<Selection.Shard> {
    @Override public Selection.Shard convert(String value) {
      String[] parts = value.strip().split("/");
      try {
        if (parts.length == 2) {
          int k = Integer.parseInt(parts[0].strip()), n = Integer.parseInt(parts[1].strip());
          if (n >= 1 && k >= 1 && k <= n) return new Selection.Shard(k, n);
        }
      } catch (NumberFormatException e) {
        // fall through to the message
      }
      throw new TypeConversionException("expected K/N with 1 <= K <= N, like 2/4, found `" + value + "`");
    }
  }

  /** "0,1,2", "0, 1, 2" or "[0, 1, 2]"; an empty string is the empty tuple. */
  static final class IndexConverter implements ITypeConverter<ExplainCommand.IndexTuple> {
    @Override public ExplainCommand.IndexTuple convert(String value) {
      String v = value.strip();
      if (v.startsWith("[") && v.endsWith("]")) v = v.substring(1, v.length() - 1).strip();
      if (v.isEmpty()) return new ExplainCommand.IndexTuple(new int[0]);
      String[] parts = v.split("\\s*,\\s*|\\s+");
      int[] out = new int[parts.length];
      for (int i = 0; i < parts.length; i++) {
        try {
          out[i] = Integer.parseInt(parts[i]);
        } catch (NumberFormatException e) {
          throw new TypeConversionException("expected integers separated by commas, like 0,1,2, found `" + value + "`");
        }
      }
      return new ExplainCommand.IndexTuple(out);
    }
  }

  /** The constant whose word is {@code value} in lower case; else "expected {@code expected}, found ...". */
  private static <E> E byWord(E[] values, Function<E, String> word, String value, String expected) {
    for (E e : values) if (word.apply(e).equals(value.toLowerCase(Locale.ROOT))) return e;
    throw new TypeConversionException("expected " + expected + ", found `" + value + "`");
  }

  private static int parseInt(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected an integer, found `" + value + "`");
    }
  }

  private static double parseDouble(String value) {
    try {
      double v = Double.parseDouble(value.strip());
      if (Double.isFinite(v)) return v;
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new TypeConversionException("expected a number, found `" + value + "`");
  }
}
