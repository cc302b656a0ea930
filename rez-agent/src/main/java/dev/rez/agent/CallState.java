package dev.rez.agent;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Exchange;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.Position;
import dev.rez.core.RiskPolicy;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The state of one decision: cached reads, the transcript so far, the proposals. The tools' {@link
 * ToolContext}. Internal.
 */
final class CallState implements ToolContext {
  private final MarketData marketData;
  private final Exchange exchange;
  private final RiskPolicy policy;
  private final List<Asset> assets;
  private final Clock clock;
  private final List<TranscriptEntry> entries = new ArrayList<>();
  private final TranscriptListener listener;
  private final Map<Asset, AgentDecision> accepted = new LinkedHashMap<>();
  private final Map<Asset, AgentDecision> rejected = new LinkedHashMap<>();
  private AccountState account;
  private List<OpenOrder> openOrders;
  private Map<Asset, AssetContext> contexts;
  private Map<Asset, BigDecimal> mids;
  private Map<Asset, AssetInfo> venue;
  int step;

  /** The state of a decision about {@code assets} under config {@code c}. */
  CallState(ReActLoop.Config c, List<Asset> assets, TranscriptListener listener) {
    this.marketData = c.marketData();
    this.exchange = c.exchange();
    this.policy = c.policy();
    this.clock = c.clock();
    this.assets = List.copyOf(assets);
    this.listener = listener;
  }

  @Override
  public MarketData marketData() {
    return marketData;
  }

  @Override
  public synchronized AccountState account() {
    if (account == null) account = exchange.accountState();
    return account;
  }

  @Override
  public synchronized List<OpenOrder> openOrders() {
    if (openOrders == null) openOrders = List.copyOf(exchange.openOrders());
    return openOrders;
  }

  @Override
  public List<Asset> assets() {
    return assets;
  }

  @Override
  public synchronized BigDecimal markPrice(Asset asset) {
    if (contexts == null) contexts = marketData.contexts();
    AssetContext c = contexts.get(asset);
    if (c != null) return c.markPrice();
    if (mids == null) mids = marketData.mids();
    BigDecimal mid = mids.get(asset);
    if (mid != null) return mid;
    List<String> known = new ArrayList<>();
    for (Asset a : assets) known.add(a.name());
    throw new ToolException(
        "unknown asset '"
            + asset
            + "': the venue has no price for it (this cycle's assets: "
            + String.join(", ", known)
            + ")");
  }

  /**
   * What the venue says about {@code asset} (its leverage limit), null when it does not list it.
   */
  private AssetInfo venue(Asset asset) {
    if (venue == null) {
      venue = new java.util.HashMap<>();
      for (AssetInfo info : marketData.assets()) venue.put(info.asset(), info);
    }
    return venue.get(asset);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized RiskVerdict propose(TradeDecision decision) {
    if (!assets.contains(decision.asset())) {
      List<String> known = new ArrayList<>();
      for (Asset a : assets) known.add(a.name());
      throw new ToolException(
          decision.asset()
              + " is not one of this cycle's assets ("
              + String.join(", ", known)
              + ")");
    }
    BigDecimal mark = markPrice(decision.asset());
    RiskVerdict verdict =
        policy.evaluate(
            decision, withPendingOpens(decision.asset()), mark, venue(decision.asset()));
    record(new TranscriptEntry.Proposal(step, decision, verdict));
    AgentDecision d = new AgentDecision(decision, verdict);
    if (verdict.allowed()) {
      accepted.put(decision.asset(), d);
      rejected.remove(decision.asset());
    } else if (!accepted.containsKey(decision.asset())) {
      rejected.put(decision.asset(), d);
    }
    return verdict;
  }

  /**
   * The account as it will be if the opens already accepted in this decision for other assets
   * execute: each counts as a position with its margin, so several proposals cannot together spend
   * more margin (or notional) than the limits allow. A new proposal for the same asset replaces its
   * earlier one, so that one is left out.
   */
  private AccountState withPendingOpens(Asset asset) {
    AccountState a = account();
    List<Position> positions = new ArrayList<>(a.positions());
    BigDecimal margin = a.marginUsed();
    for (AgentDecision d : accepted.values()) {
      TradeDecision t = d.verdict().decision();
      if (!t.action().opens() || t.asset().equals(asset)) continue;
      BigDecimal mark = markPrice(t.asset());
      BigDecimal size = t.notionalUsd().divide(mark, MathContext.DECIMAL64);
      BigDecimal positionMargin =
          t.notionalUsd().divide(BigDecimal.valueOf(t.leverage()), MathContext.DECIMAL64);
      positions.add(
          new Position(
              t.asset(),
              t.action() == TradeDecision.Action.OPEN_LONG ? size : size.negate(),
              mark,
              BigDecimal.ZERO,
              t.leverage(),
              null,
              positionMargin));
      margin = margin.add(positionMargin);
    }
    if (positions.size() == a.positions().size()) return a;
    return new AccountState(
        a.equity(),
        margin,
        a.withdrawable().subtract(margin.subtract(a.marginUsed())),
        positions,
        a.time());
  }

  /** Appends an entry and tells the listener. */
  synchronized void record(TranscriptEntry entry) {
    entries.add(entry);
    if (listener != null) {
      try {
        listener.onEntry(entry);
      } catch (RuntimeException e) {
        LoggerFactory.getLogger(CallState.class).warn("transcript listener failed", e);
      }
    }
  }

  synchronized List<TranscriptEntry> entries() {
    return List.copyOf(entries);
  }

  synchronized boolean anyAccepted() {
    return !accepted.isEmpty();
  }

  synchronized boolean allDecided() {
    return accepted.keySet().containsAll(assets);
  }

  synchronized List<Asset> undecided() {
    List<Asset> out = new ArrayList<>();
    for (Asset a : assets) if (!accepted.containsKey(a)) out.add(a);
    return out;
  }

  /**
   * One decision per asset: the accepted one, else the last rejected one, else a HOLD saying why.
   */
  synchronized List<AgentDecision> decisions(String whyMissing) {
    List<AgentDecision> out = new ArrayList<>();
    for (Asset a : assets) {
      AgentDecision d = accepted.get(a);
      if (d == null) d = rejected.get(a);
      if (d == null) {
        TradeDecision hold = TradeDecision.hold(a, whyMissing);
        d = new AgentDecision(hold, new RiskVerdict(RiskVerdict.Outcome.APPROVED, hold, List.of()));
      }
      out.add(d);
    }
    return out;
  }
}
