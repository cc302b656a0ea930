package dev.rez.hyperliquid.sim;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code /info} queries about who an address is and what it may do, which clients ask before
 * trading: {@code userRole}, {@code extraAgents}, {@code userFees}, {@code userRateLimit}, {@code
 * userAbstraction}, {@code maxBuilderFee}, the market lists of venues the simulator does not have
 * ({@code perpDexs} without builder dexes, {@code spotMetaAndAssetCtxs} with an empty universe),
 * and the holdings it has no such thing as (vault equities, TWAP fills, staking), empty. Answers
 * have the exchange's shapes. Called under the engine's lock.
 */
final class AccountInfo {
  /**
   * Agents approved in the simulator do not expire; this is the {@code validUntil} shown for them
   * (9999-12-31).
   */
  static final long NEVER = 253_402_300_799_000L;

  private final Engine engine;
  private final Api api;
  private final BigDecimal takerFee;
  private final BigDecimal makerFee;

  AccountInfo(Engine engine, Api api, BigDecimal takerFee, BigDecimal makerFee) {
    this.engine = engine;
    this.api = api;
    this.takerFee = takerFee;
    this.makerFee = makerFee;
  }

  /** The answer to {@code type}, or null when it is not one of these queries. */
  Object answer(String type, Map<String, Object> req) {
    return switch (type) {
      case "userRole" -> userRole(user(req));
      case "extraAgents" -> extraAgents(user(req));
      case "userFees" -> userFees(user(req));
      case "userRateLimit" -> userRateLimit(user(req));
      case "userAbstraction" -> {
        user(req);
        yield "default";
      }
      case "maxBuilderFee" -> api.maxBuilderFee(user(req), Json.string(req, "builder"));
      case "perpDexs" -> {
        List<Object> dexes = new ArrayList<>();
        dexes.add(null); // the first perp dex, the only one here
        yield dexes;
      }
      case "spotMetaAndAssetCtxs" -> List.of(InfoResponses.spotMeta(), List.of());
      // Vaults, TWAP orders and staking do not exist here: every account has none of them.
      case "userVaultEquities",
          "userTwapSliceFills",
          "userTwapSliceFillsByTime",
          "twapHistory",
          "leadingVaults",
          "delegations",
          "delegatorHistory",
          "delegatorRewards" -> {
        user(req);
        yield List.of();
      }
      // Nor vaults to list, or open-interest caps that a market is at.
      case "vaultSummaries", "perpsAtOpenInterestCap" -> List.of();
      case "approvedBuilders" -> approvedBuilders(user(req));
      case "delegatorSummary" -> {
        user(req);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("delegated", "0.0");
        summary.put("undelegated", "0.0");
        summary.put("totalPendingWithdrawal", "0.0");
        summary.put("nPendingWithdrawals", 0);
        yield summary;
      }
      default -> null;
    };
  }

  private static String user(Map<String, Object> req) {
    return Json.string(req, "user").toLowerCase(Locale.ROOT);
  }

  /**
   * {@code {"role":"agent","data":{"user":master}}}, {@code {"role":"user"}} or {@code
   * {"role":"missing"}}.
   */
  private Map<String, Object> userRole(String user) {
    String master = api.agents.get(user);
    Map<String, Object> out = new LinkedHashMap<>();
    if (master != null) {
      out.put("role", "agent");
      out.put("data", Map.of("user", master));
    } else {
      out.put("role", engine.account(user) != null ? "user" : "missing");
    }
    return out;
  }

  /** The builders {@code user} approved a fee for ({@code approveBuilderFee}), in address order. */
  private List<Object> approvedBuilders(String user) {
    String prefix = user + "/";
    return api.builderFees.keySet().stream()
        .filter(k -> k.startsWith(prefix))
        .map(k -> (Object) k.substring(prefix.length()))
        .sorted(java.util.Comparator.comparing(Object::toString))
        .toList();
  }

  /** The agents {@code user} approved: {@code [{"name","address","validUntil"}]}. */
  private List<Object> extraAgents(String user) {
    List<Object> out = new ArrayList<>();
    String prefix = user + "/";
    for (Map.Entry<String, String> e : api.agentNames.entrySet()) {
      if (!e.getKey().startsWith(prefix) || !user.equals(api.agents.get(e.getValue()))) continue;
      Map<String, Object> agent = new LinkedHashMap<>();
      agent.put("name", e.getKey().substring(prefix.length()));
      agent.put("address", e.getValue());
      agent.put("validUntil", NEVER);
      out.add(agent);
    }
    return out;
  }

  private BigDecimal volume(String user) {
    BigDecimal v = BigDecimal.ZERO;
    for (SimFill f : engine.fills(user)) v = v.add(f.px().multiply(f.sz()));
    return v;
  }

  /**
   * The account's traded notional per UTC day of simulated time, oldest first: as taker ({@code
   * userCross}) and as maker ({@code userAdd}), for the days of the last two weeks it traded on,
   * and today. The exchange's own volume is not simulated ({@code "0.0"}).
   */
  private List<Object> dailyVolumes(String user) {
    LocalDate today = day(engine.now());
    TreeMap<LocalDate, BigDecimal[]> days = new TreeMap<>();
    days.put(today, new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    for (SimFill f : engine.fills(user)) {
      LocalDate d = day(f.time());
      if (d.isBefore(today.minusDays(14)) || d.isAfter(today)) continue;
      BigDecimal[] v =
          days.computeIfAbsent(d, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
      int side = f.crossed() ? 0 : 1;
      v[side] = v[side].add(f.px().multiply(f.sz()));
    }
    List<Object> out = new ArrayList<>();
    days.forEach(
        (d, v) -> {
          Map<String, Object> day = new LinkedHashMap<>();
          day.put("date", d.toString());
          day.put("userCross", Prices.usd(v[0]));
          day.put("userAdd", Prices.usd(v[1]));
          day.put("exchange", "0.0");
          out.add(day);
        });
    return out;
  }

  private static LocalDate day(long epochMs) {
    return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private Map<String, Object> userFees(String user) {
    Map<String, Object> vip = new LinkedHashMap<>();
    vip.put("ntlCutoff", "5000000.0");
    vip.put("cross", "0.0004");
    vip.put("add", "0.00012");
    vip.put("spotCross", "0.0006");
    vip.put("spotAdd", "0.0003");
    Map<String, Object> tiers = new LinkedHashMap<>();
    tiers.put("vip", List.of(vip));
    tiers.put("mm", List.of());
    Map<String, Object> schedule = new LinkedHashMap<>();
    schedule.put("cross", Prices.wire(takerFee));
    schedule.put("add", Prices.wire(makerFee));
    schedule.put("spotCross", "0.0007");
    schedule.put("spotAdd", "0.0004");
    schedule.put("tiers", tiers);
    schedule.put("referralDiscount", "0.0");
    schedule.put(
        "stakingDiscountTiers", List.of(Map.of("bpsOfMaxSupply", "0.0", "discount", "0.0")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dailyUserVlm", dailyVolumes(user));
    out.put("feeSchedule", schedule);
    out.put("userCrossRate", Prices.wire(takerFee));
    out.put("userAddRate", Prices.wire(makerFee));
    out.put("userSpotCrossRate", "0.0007");
    out.put("userSpotAddRate", "0.0004");
    out.put("activeReferralDiscount", "0.0");
    out.put("trial", null);
    out.put("feeTrialEscrow", "0.0");
    out.put("nextTrialAvailableTimestamp", null);
    out.put("stakingLink", null);
    out.put("activeStakingDiscount", Map.of("bpsOfMaxSupply", "0.0", "discount", "0.0"));
    return out;
  }

  /**
   * The address-based budget: 10000 requests plus one per USDC traded; each order placed counts
   * one.
   */
  private Map<String, Object> userRateLimit(String user) {
    BigDecimal volume = volume(user);
    Account a = engine.account(user);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cumVlm", Prices.usd(volume));
    out.put("nRequestsUsed", a == null ? 0 : a.orders.size());
    out.put("nRequestsCap", 10_000 + volume.longValue());
    out.put("nRequestsSurplus", 0);
    return out;
  }
}
