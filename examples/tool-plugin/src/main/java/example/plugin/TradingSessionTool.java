package example.plugin;

import dev.rez.agent.Tool;
import dev.rez.agent.ToolArguments;
import dev.rez.agent.ToolContext;
import dev.rez.agent.ToolResult;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tool the rez app loads from a plugin jar: which trading sessions are open now (liquidity
 * differs by session), whether it is the weekend, and how long until the UTC day closes (when daily
 * candles and loss limits reset).
 *
 * <p>The app finds it through {@code META-INF/services/dev.rez.agent.Tool}. A public no-argument
 * constructor is all {@link java.util.ServiceLoader} needs. Stateless, so threadsafe.
 */
public final class TradingSessionTool implements Tool {
  @Override
  public String name() {
    return "get_trading_session";
  }

  @Override
  public String description() {
    return "The trading sessions open now (asia 00-09 UTC, europe 07-16 UTC, us 13-21 UTC), whether it is the weekend, "
        + "and the minutes until the UTC day closes. Liquidity is thinner outside the europe/us overlap and at weekends.";
  }

  @Override
  public String parameters() {
    return "{\"type\":\"object\",\"properties\":{},\"additionalProperties\":false}";
  }

  @Override
  public ToolResult execute(ToolArguments args, ToolContext context) {
    Instant now = context.now();
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    int hour = t.getHour();
    List<String> open = new ArrayList<>();
    if (hour < 9) open.add("asia");
    if (hour >= 7 && hour < 16) open.add("europe");
    if (hour >= 13 && hour < 21) open.add("us");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("utc", t.truncatedTo(ChronoUnit.SECONDS).toString());
    out.put("sessions", open);
    out.put(
        "weekend", t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY);
    out.put(
        "minutesToDayClose",
        Duration.between(now, t.toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
            .toMinutes());
    return ToolResult.of(out);
  }
}
