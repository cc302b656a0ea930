package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalTest {
  @Test
  void parsesEveryWireName() {
    for (Interval i : Interval.values()) {
      assertThat(Interval.parse(i.wire())).isEqualTo(i);
      assertThat(i).hasToString(i.wire());
    }
  }

  @Test
  void wireNamesAndDurations() {
    assertThat(Interval.parse("1m")).isEqualTo(Interval.M1);
    assertThat(Interval.parse("5m").duration()).isEqualTo(Duration.ofMinutes(5));
    assertThat(Interval.parse("15m").duration()).isEqualTo(Duration.ofMinutes(15));
    assertThat(Interval.parse("4h").duration()).isEqualTo(Duration.ofHours(4));
    assertThat(Interval.parse("1d").duration()).isEqualTo(Duration.ofDays(1));
    assertThat(Interval.parse("1w").duration()).isEqualTo(Duration.ofDays(7));
    assertThat(Interval.parse("1M")).as("upper-case M is a month").isEqualTo(Interval.MONTH1);
    assertThat(Interval.MONTH1.duration()).isEqualTo(Duration.ofDays(30));
  }

  @Test
  void everyConstantLastsWhatItsNameSays() {
    assertThat(Interval.M1.duration()).isEqualTo(Duration.ofMinutes(1));
    assertThat(Interval.M3.duration()).isEqualTo(Duration.ofMinutes(3));
    assertThat(Interval.M30.duration()).isEqualTo(Duration.ofMinutes(30));
    assertThat(Interval.H1.duration()).isEqualTo(Duration.ofHours(1));
    assertThat(Interval.H2.duration()).isEqualTo(Duration.ofHours(2));
    assertThat(Interval.H8.duration()).isEqualTo(Duration.ofHours(8));
    assertThat(Interval.H12.duration()).isEqualTo(Duration.ofHours(12));
    assertThat(Interval.D3.duration()).isEqualTo(Duration.ofDays(3));
    assertThat(Interval.W1.wire()).isEqualTo("1w");
  }

  @Test
  void durationsGrowWithTheDeclarationOrder() {
    Interval[] all = Interval.values();
    for (int i = 1; i < all.length; i++)
      assertThat(all[i].duration()).isGreaterThan(all[i - 1].duration());
  }

  @Test
  void rejectsUnknownNames() {
    for (String bad : new String[] {"7m", "", "5M", "1H", " 5m", "5 m", "M5"}) {
      assertThatThrownBy(() -> Interval.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("unknown interval '" + bad + "'")
          .hasMessageContaining("1m, 3m, 5m");
    }
    assertThatThrownBy(() -> Interval.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("interval == null");
  }
}
