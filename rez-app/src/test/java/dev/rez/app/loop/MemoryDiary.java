package dev.rez.app.loop;

import dev.rez.core.Diary;
import dev.rez.core.DiaryEvent;
import dev.rez.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-memory diary for tests; cursors are indexes. Checks that every payload is a JSON object.
 */
class MemoryDiary implements Diary {
  final List<DiaryEvent> events = new ArrayList<>();
  int flushes;

  /** Called after each append (lets a test act at a given point of a cycle). */
  java.util.function.Consumer<DiaryEvent> afterAppend = e -> {};

  @Override
  public synchronized void append(DiaryEvent event) {
    Json.parseObject(event.json());
    events.add(event);
    afterAppend.accept(event);
  }

  @Override
  public synchronized void flush() {
    flushes++;
  }

  @Override
  public synchronized Page read(String cursor, int limit, Filter filter) {
    int from = cursor == null ? 0 : Integer.parseInt(cursor);
    List<Entry> out = new ArrayList<>();
    int i = from;
    for (; i < events.size() && out.size() < limit; i++) {
      if (filter.test(events.get(i))) out.add(new Entry(String.valueOf(i + 1), events.get(i)));
    }
    return new Page(out, String.valueOf(i), i < events.size());
  }

  @Override
  public void close() {}

  synchronized List<String> types() {
    return events.stream().map(DiaryEvent::type).toList();
  }

  synchronized List<DiaryEvent> ofType(String type) {
    return events.stream().filter(e -> e.type().equals(type)).toList();
  }

  synchronized List<Map<String, Object>> data(String type) {
    return ofType(type).stream().map(e -> Json.parseObject(e.json())).toList();
  }
}
