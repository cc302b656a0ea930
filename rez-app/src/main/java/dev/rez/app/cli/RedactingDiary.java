package dev.rez.app.cli;

import dev.rez.app.config.Redactor;
import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;

/**
 * The app's diary as its writers see it: every event's data passes the {@link Redactor} before it
 * is recorded, so a model provider's error body or an exchange's answer that echoes a configured
 * key reaches neither the diary nor the API (which reads the diary) with it. Reads and the rest
 * pass through. Threadsafe when the diary is.
 */
final class RedactingDiary implements Diary {
  private final Diary diary;
  private final Redactor redactor;

  RedactingDiary(Diary diary, Redactor redactor) {
    this.diary = diary;
    this.redactor = redactor;
  }

  @Override
  public void append(DiaryEvent e) {
    String json = redactor.scrub(e.json());
    diary.append(
        json.equals(e.json()) ? e : new DiaryEvent(e.time(), e.cycle(), e.type(), e.asset(), json));
  }

  @Override
  public String fault() {
    return diary.fault();
  }

  @Override
  public void flush() {
    diary.flush();
  }

  @Override
  public Page read(String cursor, int limit, Filter filter) {
    return diary.read(cursor, limit, filter);
  }

  @Override
  public void close() {
    diary.close();
  }
}
