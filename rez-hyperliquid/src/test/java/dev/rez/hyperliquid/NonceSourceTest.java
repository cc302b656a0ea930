package dev.rez.hyperliquid;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NonceSourceTest {
  @Test
  void uniqueAndIncreasingAcrossThreadsWithinOneMillisecond() throws Exception {
    NonceSource nonces =
        NonceSource.create(Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
    Set<Long> all = ConcurrentHashMap.newKeySet();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<Boolean> monotonic = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                long prev = -1;
                boolean ok = true;
                for (int i = 0; i < 2000; i++) {
                  long n = nonces.next();
                  ok &= n > prev;
                  prev = n;
                  all.add(n);
                }
                monotonic.add(ok);
              });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) th.join();
    assertThat(all).hasSize(16_000);
    assertThat(monotonic).hasSize(8).containsOnly(true);
    assertThat(all.stream().mapToLong(Long::longValue).min().orElseThrow())
        .isEqualTo(1_700_000_000_000L);
  }

  @Test
  void followsTheClockAndNeverGoesBackWhenItSteps() {
    AtomicLong now = new AtomicLong(1000);
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(now.get());
          }
        };
    NonceSource nonces = NonceSource.create(clock);
    assertThat(nonces.next()).isEqualTo(1000);
    now.set(5000);
    assertThat(nonces.next()).isEqualTo(5000);
    now.set(4000); // clock stepped back
    assertThat(nonces.next()).isEqualTo(5001);
  }

  @Test
  void sharedPerSignerAddressInAnyCase() {
    assertThat(NonceSource.forSigner("0x14791697260E4C9A71F18484C9F997B308E59325"))
        .isSameAs(NonceSource.forSigner("0x14791697260e4c9a71f18484c9f997b308e59325"));
  }
}
