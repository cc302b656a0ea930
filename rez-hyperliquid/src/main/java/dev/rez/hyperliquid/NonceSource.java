package dev.rez.hyperliquid;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Strictly increasing request nonces: the current time in milliseconds, or one more than the
 * previous nonce when the clock has not moved (several requests in one millisecond, or a clock
 * stepping back).
 *
 * <p>Hyperliquid tracks nonces per signer and rejects a reused one ("Invalid nonce: duplicate
 * nonce"), so all clients of one signer in a JVM should share one source: {@link
 * #forSigner(String)} returns that shared source.
 *
 * <pre>{@code
 * NonceSource nonces = NonceSource.create(Clock.systemUTC());
 * long a = nonces.next(), b = nonces.next(); // b > a, even within the same millisecond
 * }</pre>
 *
 * <p>This class is threadsafe.
 */
public final class NonceSource {
  private static final ConcurrentHashMap<String, NonceSource> SHARED = new ConcurrentHashMap<>();

  private final Clock clock;
  private final AtomicLong last = new AtomicLong();

  private NonceSource(Clock clock) {
    this.clock = clock;
  }

  /** A new source reading {@code clock}. */
  public static NonceSource create(Clock clock) {
    if (clock == null) throw new NullPointerException("clock == null");
    return new NonceSource(clock);
  }

  /** The JVM-wide source of the signer with this address, on the system clock. */
  public static NonceSource forSigner(String signerAddress) {
    return SHARED.computeIfAbsent(
        Hex.address(signerAddress, "signerAddress"), a -> new NonceSource(Clock.systemUTC()));
  }

  /** The next nonce: {@code max(now in ms, previous + 1)}. */
  public long next() {
    long now = clock.millis();
    return last.updateAndGet(prev -> Math.max(now, prev + 1));
  }
}
