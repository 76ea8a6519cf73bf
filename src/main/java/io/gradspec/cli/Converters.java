package io.gradspec.cli;

import io.gradspec.report.output.ReportFormat;
import io.gradspec.spec.Method;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose messages say what was expected and what was found. */
final class Converters {
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

  static final class MethodConverter implements ITypeConverter<Method> {
    @Override public Method convert(String value) {
      for (Method m : Method.values()) if (m.word().equals(value.toLowerCase(Locale.ROOT))) return m;
      throw new TypeConversionException("expected central or richardson, found `" + value + "`");
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
      if (v < io.gradspec.spec.CheckSettings.MIN_STEP) {
        throw new TypeConversionException("expected a number of at least 2.2e-16, found `" + value + "`: "
            + io.gradspec.spec.CheckSettings.STEP_HELP);
      }
      return v;
    }
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
