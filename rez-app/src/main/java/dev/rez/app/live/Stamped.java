package dev.rez.app.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A value of the {@link LiveView} with the time it was last confirmed by the exchange (a WebSocket
 * message or a REST read), so a reader can ask how old it is.
 *
 * <pre>{@code
 * Stamped<BigDecimal> mark = live.mark(Asset.of("BTC")).orElseThrow();
 * if (mark.age(clock.instant()).compareTo(Duration.ofSeconds(5)) > 0) { … too old to trade on … }
 * }</pre>
 *
 * @param value the value
 * @param asOf when the exchange last confirmed it, on the view's clock
 */
public record Stamped<T>(T value, Instant asOf) {
  /** Checks that both components are present. */
  public Stamped {
    Objects.requireNonNull(value, "value == null");
    Objects.requireNonNull(asOf, "asOf == null");
  }

  /** How old the value is at {@code now}; zero when {@code now} is not after {@link #asOf()}. */
  public Duration age(Instant now) {
    Duration d = Duration.between(asOf, now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
