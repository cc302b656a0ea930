package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rez.core.Candle;
import dev.rez.core.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandleCsvTest {
  @TempDir Path dir;

  @Test
  void bundledDemoDataIsComplete() {
    List<Candle> c = CandleCsv.demo();
    assertThat(c).hasSize(9603);
    assertThat(c.get(0).openTime()).isEqualTo(Instant.ofEpochMilli(1385337600000L));
    assertThat(c.get(0).close()).isEqualTo(807.47);
    assertThat(c).allSatisfy(x -> assertThat(x.interval()).isEqualTo(Interval.M1));
  }

  @Test
  void infersTheInterval() throws Exception {
    Path f = dir.resolve("c.csv");
    Files.writeString(f, "time,open,high,low,close,volume\n0,1,2,0.5,1.5,10\n300000,1.5,2,1,1,3\n");
    assertThat(CandleCsv.read(f, null)).extracting(Candle::interval).containsOnly(Interval.M5);
  }

  @Test
  void infersTheIntervalFromTheSmallestGapSoAMissingBarDoesNotChangeIt() throws Exception {
    Path f = dir.resolve("gap.csv");
    // The first gap is two minutes (a bar is missing), the bars are one minute apart.
    Files.writeString(
        f,
        "time,open,high,low,close,volume\n0,1,2,0.5,1.5,10\n120000,1.5,2,1,1,3\n180000,1,2,1,1,3\n");
    assertThat(CandleCsv.read(f, null)).extracting(Candle::interval).containsOnly(Interval.M1);
    Files.writeString(f, "time,open,high,low,close,volume\n0,1,2,0.5,1.5,10\n");
    assertThatThrownBy(() -> CandleCsv.read(f, null))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("interval cannot be inferred");
  }

  @Test
  void badInputNamesTheLine() throws Exception {
    Path f = dir.resolve("c.csv");
    Files.writeString(f, "time,open,high,low,close,volume\n0,1,2,0.5,1.5,10\n60000,1,2,x,1,1\n");
    assertThatThrownBy(() -> CandleCsv.read(f, null)).hasMessageContaining("line 3");
    Files.writeString(f, "t,o,h,l,c,v\n");
    assertThatThrownBy(() -> CandleCsv.read(f, null)).hasMessageContaining("header");
    Files.writeString(f, "time,open,high,low,close,volume\n0,1,2,0.5,3,10\n");
    assertThatThrownBy(() -> CandleCsv.read(f, Interval.M1))
        .hasMessageContaining("line 2")
        .hasMessageContaining("close");
    Files.writeString(f, "time,open,high,low,close,volume\n60000,1,1,1,1,1\n0,1,1,1,1,1\n");
    assertThatThrownBy(() -> CandleCsv.read(f, null)).hasMessageContaining("not after");
    assertThatThrownBy(() -> CandleCsv.read(dir.resolve("none.csv"), null))
        .hasMessageContaining("does not exist");
  }
}
