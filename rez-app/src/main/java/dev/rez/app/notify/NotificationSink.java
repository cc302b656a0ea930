package dev.rez.app.notify;

/**
 * Where notifications go: a webhook, a chat, a phone. Implement it to send Rez's notifications
 * anywhere.
 *
 * <pre>{@code
 * NotificationSink log = new NotificationSink() {
 *   public String name() { return "log"; }
 *   public void send(Notification n) { System.out.println(n.id() + " " + n.text()); }
 * };
 * }</pre>
 *
 * <p>The outbox calls {@link #send} from one thread per sink, one notification at a time, in diary
 * order, and calls it again with the same notification (same {@link Notification#id()}) until it
 * returns normally: delivery is at least once, so a receiver that must not act twice de-duplicates
 * by id. Implementations need not be threadsafe.
 */
public interface NotificationSink {
  /**
   * A short stable name ({@code webhook}, {@code telegram}, …): it names the sink's state file and
   * its status.
   */
  String name();

  /**
   * Delivers one notification; returning normally acknowledges it.
   *
   * @throws DeliveryException when it was not delivered (it is sent again after a backoff); the
   *     message must not contain a token or a secret URL
   */
  void send(Notification notification) throws DeliveryException;
}
