package dev.rez.core;

import java.math.BigDecimal;
import java.util.Objects;

/** Argument checks with messages that name the field and the offending value. Internal. */
final class Checks {
  private Checks() {}

  static <T> T notNull(T value, String field) {
    return Objects.requireNonNull(value, () -> field + " == null");
  }

  static BigDecimal positive(BigDecimal value, String field) {
    notNull(value, field);
    if (value.signum() <= 0)
      throw new IllegalArgumentException(field + " must be > 0 but was " + value.toPlainString());
    return value;
  }

  static BigDecimal nonNegative(BigDecimal value, String field) {
    notNull(value, field);
    if (value.signum() < 0)
      throw new IllegalArgumentException(field + " must be >= 0 but was " + value.toPlainString());
    return value;
  }

  static double finite(double value, String field) {
    if (!Double.isFinite(value))
      throw new IllegalArgumentException(field + " must be finite but was " + value);
    return value;
  }

  static String notBlank(String value, String field) {
    notNull(value, field);
    if (value.isBlank())
      throw new IllegalArgumentException(field + " must not be blank but was '" + value + "'");
    return value;
  }

  /**
   * An immutable copy of {@code list}; a null list or element is named ({@code field[3] == null}).
   */
  static <T> java.util.List<T> list(java.util.List<T> list, String field) {
    notNull(list, field);
    for (int i = 0; i < list.size(); i++) notNull(list.get(i), field + "[" + i + "]");
    return java.util.List.copyOf(list);
  }
}
