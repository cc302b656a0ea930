package dev.rez.agent;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.RiskVerdict;
import dev.rez.core.TradeDecision;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link Tool} may use during one decision: read-only market and account data, and the one
 * way to act, {@link #propose}. There is no route to the exchange's trading methods: a tool cannot
 * place an order.
 *
 * <p>Account state and open orders are read once per decision and cached. Implementations are
 * threadsafe.
 */
public interface ToolContext {
  /** The venue's market data. */
  MarketData marketData();

  /** The account as it was when the decision started. */
  AccountState account();

  /** Resting orders as they were when the decision started. */
  List<OpenOrder> openOrders();

  /** The assets this decision is about, in the context's order. */
  List<Asset> assets();

  /**
   * The asset's current mark price (mid when the venue gives no mark).
   *
   * @throws ToolException when the venue does not know {@code asset}
   */
  BigDecimal markPrice(Asset asset);

  /** The decision's clock. */
  Instant now();

  /**
   * Proposes a decision for one of {@link #assets()}. The risk policy judges it against the account
   * and the mark price; when it is allowed (approved or adjusted) it becomes the agent's decision
   * for that asset, replacing any earlier one.
   *
   * @return the verdict, with every reason
   * @throws ToolException when the asset is not one of this decision's assets
   */
  RiskVerdict propose(TradeDecision decision);
}
