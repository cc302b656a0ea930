package dev.rez.hyperliquid;

import dev.rez.core.AccountState;
import dev.rez.core.Asset;
import dev.rez.core.AssetContext;
import dev.rez.core.AssetInfo;
import dev.rez.core.Candle;
import dev.rez.core.ClientOrderId;
import dev.rez.core.Exchange;
import dev.rez.core.Fill;
import dev.rez.core.FundingPayment;
import dev.rez.core.Interval;
import dev.rez.core.MarginMode;
import dev.rez.core.MarketData;
import dev.rez.core.OpenOrder;
import dev.rez.core.OrderBook;
import dev.rez.core.OrderRequest;
import dev.rez.core.OrderResult;
import dev.rez.core.Side;
import dev.rez.core.TimeInForce;
import dev.rez.core.TriggerKind;
import dev.rez.core.TriggerOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hyperliquid perpetuals account over REST: rez-core's {@link Exchange} and {@link MarketData},
 * plus the Hyperliquid-specific calls (order status, modify, dead-man's switch, agent approval,
 * USDC transfer).
 *
 * <pre>{@code
 * HyperliquidExchange hl = HyperliquidExchange.builder()
 *     .network(Network.TESTNET)                           // the default; MAINNET must be asked for
 *     .signer(PrivateKeySigner.fromHex(System.getenv("HL_AGENT_KEY")))  // an API wallet…
 *     .accountAddress("0xYourMasterAddress")              // …trading for this account
 *     .build();
 * List<OrderResult> r = hl.placeWithProtection(entry, List.of(takeProfit, stopLoss));
 * }</pre>
 *
 * <p><b>Signer and account.</b> The signer is the wallet whose key signs; the account is the
 * address whose balances, positions and orders are traded and queried. They differ when trading
 * through an API (agent) wallet: every info query uses the account address, never the agent's
 * (querying the agent returns empty results, and an unapproved agent gets "User or API Wallet 0x…
 * does not exist"). With a vault address set, actions are signed for the vault and the account
 * defaults to it.
 *
 * <p><b>Idempotency.</b> Every order carries its client order id. When a request that places orders
 * times out or its answer is lost, the client asks the exchange for those ids before doing anything
 * else, then resends the <em>identical</em> signed request at most once; the exchange rejects a
 * nonce it has seen, so that resend can never place the orders twice. This client is the one place
 * that resends: when a call still fails, callers resolve the outcome with {@link #orderResult} and
 * send nothing again.
 *
 * <p><b>Errors.</b> Calls throw {@link HyperliquidException} (rejected, transport, malformed);
 * per-order rejections are {@link OrderResult.Rejected} values. Bad arguments (a price that is not
 * a valid tick, an unknown asset) are {@link IllegalArgumentException}s naming the value.
 *
 * <p>This class is threadsafe; share one instance per account.
 */
public final class HyperliquidExchange implements Exchange, MarketData {
  private static final Logger LOG = LoggerFactory.getLogger(HyperliquidExchange.class);
  private static final int TIME_RANGE_CAP = 500;
  private static final String UNKNOWN_TO_THE_EXCHANGE =
      "unknown to the exchange after a lost answer";

  private final Network network;
  private final HttpUrl baseUrl;
  private final RestTransport rest;
  private final Signer signer;
  private final String accountAddress;
  private final String vaultAddress;
  private final NonceSource nonces;
  private final Clock clock;
  private final Duration expiresAfter;
  private final ClientListener listener;
  private volatile Map<Asset, AssetInfo> assets;

  private HyperliquidExchange(Builder b) {
    this.network = b.network;
    this.baseUrl = b.baseUrl != null ? b.baseUrl : HttpUrl.get(b.network.restUrl());
    OkHttpClient http =
        b.httpClient != null
            ? b.httpClient
            : new OkHttpClient.Builder().callTimeout(b.timeout).build();
    this.listener = b.listener;
    this.rest = new RestTransport(http, baseUrl, b.maxRetries, b.retryBackoff, b.listener);
    this.signer = b.signer;
    this.vaultAddress = b.vaultAddress;
    this.accountAddress =
        b.accountAddress != null
            ? b.accountAddress
            : b.vaultAddress != null
                ? b.vaultAddress
                : b.signer != null ? b.signer.address() : null;
    this.clock = b.clock;
    this.nonces =
        b.nonces != null
            ? b.nonces
            : b.signer == null
                ? null
                : b.clockSet
                    ? NonceSource.create(b.clock)
                    : NonceSource.forSigner(b.signer.address());
    this.expiresAfter = b.expiresAfter;
  }

  /** A builder; testnet, no signer (read-only) until configured. */
  public static Builder builder() {
    return new Builder();
  }

  /** The network this client signs for. */
  public Network network() {
    return network;
  }

  /** The REST base URL requests go to. */
  public String baseUrl() {
    return baseUrl.toString();
  }

  /** The account queried and traded, if configured. */
  public Optional<String> accountAddress() {
    return Optional.ofNullable(accountAddress);
  }

  /** The address of the signing wallet, if a signer is configured: the wallet the exchange sees. */
  public Optional<String> signerAddress() {
    return signer == null ? Optional.empty() : Optional.of(signer.address());
  }

  // ----------------------------------------------------------------------------------------------
  // market data

  @Override
  public List<AssetInfo> assets() {
    Map<Asset, AssetInfo> loaded =
        Parsers.meta(rest.info(WireActions.map("type", "meta", "dex", ""))).stream()
            .collect(LinkedHashMap::new, (m, a) -> m.put(a.asset(), a), Map::putAll);
    assets = loaded;
    return List.copyOf(loaded.values());
  }

  /**
   * The asset's index and size precision, from a cached {@code meta} (refreshed once for an unknown
   * name).
   *
   * @throws IllegalArgumentException when the exchange lists no such perpetual
   */
  public AssetInfo assetInfo(Asset asset) {
    if (asset == null) throw new NullPointerException("asset == null");
    Map<Asset, AssetInfo> cached = assets;
    AssetInfo info = cached == null ? null : cached.get(asset);
    if (info == null) {
      assets();
      info = assets.get(asset);
    }
    if (info == null)
      throw new IllegalArgumentException(
          "unknown asset '" + asset + "': not in the exchange's perpetuals meta");
    return info;
  }

  /**
   * Rounds a price of {@code asset} to a valid tick in the given direction (see {@link
   * WireFormat#roundPrice}). A long's stop-loss rounds up ({@link RoundingMode#CEILING}), a short's
   * down, so a stop never moves past the level that was approved.
   */
  public BigDecimal roundPrice(Asset asset, BigDecimal price, RoundingMode mode) {
    return roundPrice(assetInfo(asset), price, mode);
  }

  /**
   * Rounds a perp price to a valid tick in the given direction, by {@link WireFormat#roundPrice}:
   * the rule the simulator checks too.
   */
  @Override
  public BigDecimal roundPrice(AssetInfo info, BigDecimal price, RoundingMode mode) {
    return WireFormat.roundPrice(price, info.sizeDecimals(), MarketKind.PERP, mode);
  }

  /**
   * Rounds a size to {@code info.sizeDecimals()} decimals in the given direction; zero when it
   * rounds to zero.
   */
  @Override
  public BigDecimal roundSize(AssetInfo info, BigDecimal size, RoundingMode mode) {
    if (size.signum() < 0)
      throw new IllegalArgumentException("size must be >= 0 but was " + size.toPlainString());
    if (size.setScale(info.sizeDecimals(), mode).signum() == 0) return BigDecimal.ZERO;
    return WireFormat.roundSize(size, info.sizeDecimals(), mode);
  }

  /**
   * Rounds a size of {@code asset} to its lot in the given direction (see {@link
   * WireFormat#roundSize}).
   */
  public BigDecimal roundSize(Asset asset, BigDecimal size, RoundingMode mode) {
    return WireFormat.roundSize(size, assetInfo(asset).sizeDecimals(), mode);
  }

  @Override
  public List<Candle> candles(Asset asset, Interval interval, Instant from, Instant to) {
    if (asset == null) throw new NullPointerException("asset == null");
    if (interval == null) throw new NullPointerException("interval == null");
    if (from == null || to == null) throw new NullPointerException("from/to == null");
    if (to.isBefore(from))
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    List<Candle> out = new ArrayList<>();
    long start = from.toEpochMilli();
    for (int page = 0; page < 50 && start <= to.toEpochMilli(); page++) {
      Map<String, Object> req =
          WireActions.map(
              "coin",
              asset.name(),
              "interval",
              interval.wire(),
              "startTime",
              start,
              "endTime",
              to.toEpochMilli());
      List<Object> raw =
          Tree.arr(
              rest.info(WireActions.map("type", "candleSnapshot", "req", req)), "candleSnapshot");
      long last = -1;
      for (Object o : raw) {
        Candle c = Parsers.candle(o);
        long t = c.openTime().toEpochMilli();
        if (t >= start
            && t <= to.toEpochMilli()
            && t > last
            && (out.isEmpty() || c.openTime().isAfter(out.getLast().openTime()))) out.add(c);
        last = Math.max(last, t);
      }
      if (raw.size() < TIME_RANGE_CAP || last < start) break;
      start = last + 1;
    }
    return out;
  }

  @Override
  public Map<Asset, BigDecimal> mids() {
    return Parsers.mids(rest.info(WireActions.map("type", "allMids", "dex", "")));
  }

  @Override
  public Map<Asset, AssetContext> contexts() {
    return Parsers.contexts(rest.info(WireActions.map("type", "metaAndAssetCtxs")));
  }

  /**
   * The exchange's clock ({@code exchangeStatus}'s {@code time}). On the simulator this is the
   * simulated time, which is how a program in another process follows a simulator's accelerated or
   * stepped clock.
   *
   * <pre>{@code
   * Instant now = hl.exchangeTime();
   * }</pre>
   *
   * @throws HyperliquidException when the exchange cannot be asked or answers without a time
   */
  public Instant exchangeTime() {
    return Instant.ofEpochMilli(
        Tree.lng(
            Tree.obj(rest.info(WireActions.map("type", "exchangeStatus")), "exchangeStatus"),
            "time",
            "exchangeStatus"));
  }

  @Override
  public OrderBook orderBook(Asset asset, int depth) {
    if (asset == null) throw new NullPointerException("asset == null");
    if (depth < 1) throw new IllegalArgumentException("depth must be >= 1 but was " + depth);
    return Parsers.book(rest.info(WireActions.map("type", "l2Book", "coin", asset.name())), depth);
  }

  // ------------------------------------------------------------------------------------------------- account

  @Override
  public AccountState accountState() {
    return Parsers.accountState(
        rest.info(WireActions.map("type", "clearinghouseState", "user", account(), "dex", "")));
  }

  /**
   * Resting orders with their trigger details and client order ids ({@code frontendOpenOrders}).
   */
  @Override
  public List<OpenOrder> openOrders() {
    return Parsers.openOrders(
        rest.info(WireActions.map("type", "frontendOpenOrders", "user", account(), "dex", "")),
        "frontendOpenOrders");
  }

  /** Resting orders in the lighter {@code openOrders} form: no trigger details. */
  public List<OpenOrder> simpleOpenOrders() {
    return Parsers.openOrders(
        rest.info(WireActions.map("type", "openOrders", "user", account(), "dex", "")),
        "openOrders");
  }

  /** The most recent fills (at most 2000), newest first as the exchange sends them. */
  public List<Fill> recentFills() {
    return Parsers.fills(rest.info(WireActions.map("type", "userFills", "user", account())));
  }

  @Override
  public List<Fill> fills(Instant since) {
    if (since == null) throw new NullPointerException("since == null");
    List<Fill> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long start = since.toEpochMilli();
    for (int page = 0; page < 20; page++) {
      List<Fill> batch =
          Parsers.fills(
              rest.info(
                  WireActions.map(
                      "type",
                      "userFillsByTime",
                      "user",
                      account(),
                      "startTime",
                      start,
                      "aggregateByTime",
                      false)));
      long last = start;
      int added = 0;
      for (Fill f : batch) {
        if (seen.add(f.key())) {
          out.add(f);
          added++;
        }
        last = Math.max(last, f.time().toEpochMilli());
      }
      if (batch.size() < TIME_RANGE_CAP || added == 0) break;
      start = last; // inclusive: fills sharing the last millisecond are deduplicated above
    }
    out.sort(Comparator.comparing(Fill::time));
    return out;
  }

  /** From {@code userFunding}, paged by time (the exchange answers at most 500 per request). */
  @Override
  public List<FundingPayment> fundings(Instant since) {
    if (since == null) throw new NullPointerException("since == null");
    List<FundingPayment> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long start = since.toEpochMilli();
    for (int page = 0; page < 20; page++) {
      List<FundingPayment> batch =
          Parsers.fundings(
              rest.info(
                  WireActions.map("type", "userFunding", "user", account(), "startTime", start)));
      long last = start;
      int added = 0;
      for (FundingPayment f : batch) {
        if (seen.add(f.asset() + "/" + f.time().toEpochMilli())) {
          out.add(f);
          added++;
        }
        last = Math.max(last, f.time().toEpochMilli());
      }
      if (batch.size() < 500 || added == 0) break;
      start = last;
    }
    out.sort(Comparator.comparing(FundingPayment::time));
    return out;
  }

  /** The status of an order by the exchange's id; empty when unknown. */
  public Optional<OrderStatus> orderStatus(long orderId) {
    return Optional.ofNullable(
        Parsers.orderStatus(
            rest.info(WireActions.map("type", "orderStatus", "user", account(), "oid", orderId))));
  }

  /** The status of an order by client order id; empty when the exchange never saw it. */
  public Optional<OrderStatus> orderStatus(ClientOrderId cloid) {
    if (cloid == null) throw new NullPointerException("cloid == null");
    return Optional.ofNullable(
        Parsers.orderStatus(
            rest.info(
                WireActions.map("type", "orderStatus", "user", account(), "oid", cloid.hex()))));
  }

  @Override
  public Optional<OpenOrder> orderByCloid(ClientOrderId cloid) {
    return orderStatus(cloid).filter(OrderStatus::isOpen).map(OrderStatus::order);
  }

  /**
   * From {@code orderStatus}; a filled order's size and average price come from the account's
   * fills.
   */
  @Override
  public Optional<OrderResult> orderResult(ClientOrderId cloid) {
    return orderStatus(cloid).map(s -> fromStatus(s, cloid));
  }

  // ------------------------------------------------------------------------------------------------ trading

  @Override
  public List<OrderResult> place(List<OrderRequest> orders) {
    if (orders == null || orders.isEmpty())
      throw new IllegalArgumentException("orders must not be empty");
    List<Map<String, Object>> wires = new ArrayList<>();
    List<ClientOrderId> cloids = new ArrayList<>();
    for (OrderRequest o : orders) {
      wires.add(wire(o));
      cloids.add(o.cloid());
    }
    return placeOrders(WireActions.order(wires, "na"), cloids);
  }

  /**
   * Sends entry, take-profit and stop-loss in one {@code normalTpsl} request; results in request
   * order.
   */
  @Override
  public List<OrderResult> placeWithProtection(OrderRequest entry, List<TriggerOrder> protection) {
    if (entry == null) throw new NullPointerException("entry == null");
    if (protection == null) throw new NullPointerException("protection == null");
    List<Map<String, Object>> wires = new ArrayList<>();
    List<ClientOrderId> cloids = new ArrayList<>();
    wires.add(wire(entry));
    cloids.add(entry.cloid());
    for (TriggerOrder t : protection) {
      if (!t.asset().equals(entry.asset()))
        throw new IllegalArgumentException(
            "protection for " + t.asset() + " does not match entry asset " + entry.asset());
      if (t.side() == entry.side())
        throw new IllegalArgumentException(
            "protection side must close the entry: entry is "
                + entry.side()
                + ", trigger is "
                + t.side());
      wires.add(wire(t));
      cloids.add(t.cloid());
    }
    return placeOrders(
        WireActions.order(wires, protection.isEmpty() ? "na" : "normalTpsl"), cloids);
  }

  /** Sends take-profit/stop-loss orders attached to the current position ({@code positionTpsl}). */
  @Override
  public List<OrderResult> placeProtection(List<TriggerOrder> protection) {
    if (protection == null || protection.isEmpty())
      throw new IllegalArgumentException("protection must not be empty");
    List<Map<String, Object>> wires = new ArrayList<>();
    List<ClientOrderId> cloids = new ArrayList<>();
    for (TriggerOrder t : protection) {
      wires.add(wire(t));
      cloids.add(t.cloid());
    }
    return placeOrders(WireActions.order(wires, "positionTpsl"), cloids);
  }

  /**
   * An aggressive IOC ("market") order priced from the current mid by {@code slippage}, rounded
   * towards the mid so the bound is never exceeded (a buy's price rounds down, a sell's up).
   *
   * @param slippage fraction, e.g. {@code 0.01} for 1%, in {@code [0, 1)}
   */
  public OrderRequest marketOrder(
      Asset asset, Side side, BigDecimal size, BigDecimal slippage, ClientOrderId cloid) {
    return marketOrder(asset, side, size, slippage, false, cloid);
  }

  /**
   * {@link #marketOrder(Asset, Side, BigDecimal, BigDecimal, ClientOrderId)}, optionally
   * reduce-only. Close positions with {@code reduceOnly} true: a close that races a stop-loss (or a
   * second close of the same position) then shrinks nothing instead of opening the opposite
   * position.
   *
   * @param slippage fraction, e.g. {@code 0.01} for 1%, in {@code [0, 1)}
   * @param reduceOnly when true the order may only shrink the position
   */
  public OrderRequest marketOrder(
      Asset asset,
      Side side,
      BigDecimal size,
      BigDecimal slippage,
      boolean reduceOnly,
      ClientOrderId cloid) {
    if (slippage == null || slippage.signum() < 0 || slippage.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "slippage must be in [0, 1) but was "
              + (slippage == null ? null : slippage.toPlainString()));
    }
    AssetInfo info = assetInfo(asset);
    BigDecimal mid = mids().get(asset);
    if (mid == null || mid.signum() <= 0)
      throw new HyperliquidException.Malformed("allMids has no mid for " + asset, null);
    BigDecimal bound =
        side == Side.BUY
            ? mid.multiply(BigDecimal.ONE.add(slippage))
            : mid.multiply(BigDecimal.ONE.subtract(slippage));
    BigDecimal px =
        WireFormat.roundPrice(
            bound,
            info.sizeDecimals(),
            MarketKind.PERP,
            side == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING);
    return new OrderRequest(asset, side, size, px, TimeInForce.IOC, reduceOnly, cloid);
  }

  @Override
  public boolean cancel(Asset asset, long orderId) {
    return cancelResult(l1(WireActions.cancel(assetInfo(asset).index(), orderId)));
  }

  /** Cancels by client order id in one request ({@code cancelByCloid}). */
  @Override
  public boolean cancelByCloid(Asset asset, ClientOrderId cloid) {
    if (cloid == null) throw new NullPointerException("cloid == null");
    return cancelResult(l1(WireActions.cancelByCloid(assetInfo(asset).index(), cloid.hex())));
  }

  private static boolean cancelResult(Object tree) {
    List<Object> st = Parsers.statuses(tree, "cancel");
    return !st.isEmpty() && "success".equals(st.getFirst());
  }

  /** Replaces a resting order (by exchange id) with {@code order}. */
  public OrderResult modify(long orderId, OrderRequest order) {
    return modifyResult(l1(WireActions.batchModify(orderId, wire(order))), order.cloid());
  }

  /** Replaces a resting order (by client order id) with {@code order}. */
  public OrderResult modify(ClientOrderId cloid, OrderRequest order) {
    if (cloid == null) throw new NullPointerException("cloid == null");
    return modifyResult(l1(WireActions.batchModify(cloid.hex(), wire(order))), order.cloid());
  }

  private static OrderResult modifyResult(Object tree, ClientOrderId cloid) {
    List<Object> st = Parsers.statuses(tree, "batchModify");
    if (st.isEmpty()) throw new HyperliquidException.Malformed("batchModify: no status", null);
    return Parsers.orderResult(st.getFirst(), cloid);
  }

  @Override
  public void setLeverage(Asset asset, int leverage, MarginMode mode) {
    if (mode == null) throw new NullPointerException("mode == null");
    AssetInfo info = assetInfo(asset);
    if (leverage < 1 || leverage > info.maxLeverage()) {
      throw new IllegalArgumentException(
          "leverage for "
              + asset
              + " must be in [1, "
              + info.maxLeverage()
              + "] but was "
              + leverage);
    }
    Parsers.okResponse(
        l1(WireActions.updateLeverage(info.index(), mode == MarginMode.CROSS, leverage)),
        "updateLeverage");
  }

  /**
   * Adds margin to (or, with a negative amount, removes it from) an isolated position.
   *
   * @param usd amount in USDC with at most 6 decimals, non-zero
   * @throws IllegalArgumentException when the amount is zero or has more than 6 decimals
   */
  public void updateIsolatedMargin(Asset asset, BigDecimal usd) {
    if (usd == null) throw new NullPointerException("usd == null");
    if (usd.signum() == 0) throw new IllegalArgumentException("usd must not be 0");
    long ntli;
    try {
      ntli = usd.movePointRight(6).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "usd " + usd.toPlainString() + " must have at most 6 decimals");
    }
    Parsers.okResponse(
        l1(WireActions.updateIsolatedMargin(assetInfo(asset).index(), ntli)),
        "updateIsolatedMargin");
  }

  /**
   * Arms the dead-man's switch: every open order is cancelled at {@code time} unless re-armed or
   * cleared before. The exchange requires {@code time} at least 5 s ahead and allows 10 triggers a
   * day.
   */
  public void scheduleCancel(Instant time) {
    if (time == null) throw new NullPointerException("time == null (use clearScheduledCancel)");
    Parsers.okResponse(l1(WireActions.scheduleCancel(time.toEpochMilli())), "scheduleCancel");
  }

  /** Disarms the dead-man's switch. */
  public void clearScheduledCancel() {
    Parsers.okResponse(l1(WireActions.scheduleCancel(null)), "scheduleCancel");
  }

  /**
   * Checks with the exchange that the signer may trade for the account, so that a wrong account
   * address cannot make a program read one account and trade another. Nothing to check when the
   * signer is the account or a vault is set; otherwise the signer must be an agent (API wallet) of
   * the account: its {@code userRole} is {@code {"role":"agent","data":{"user":<account>}}}, or the
   * account's {@code extraAgents} list it.
   *
   * <pre>{@code
   * hl.verifySigner();   // at start, before the first order
   * }</pre>
   *
   * @throws IllegalStateException naming both addresses and what the exchange answered, when the
   *     signer may not trade for the account (nothing was sent that trades)
   * @throws HyperliquidException when the exchange cannot be asked
   */
  public void verifySigner() {
    String agent = signer().address().toLowerCase(java.util.Locale.ROOT);
    String account = account().toLowerCase(java.util.Locale.ROOT);
    if (vaultAddress != null || agent.equals(account)) return;
    Object role = rest.info(WireActions.map("type", "userRole", "user", agent));
    String roleName = null;
    if (role instanceof Map<?, ?> r) {
      roleName = String.valueOf(r.get("role"));
      if (r.get("data") instanceof Map<?, ?> d && d.get("user") instanceof String master) {
        if (master.equalsIgnoreCase(account)) return;
        throw new IllegalStateException(
            "the signer "
                + agent
                + " is an agent of "
                + master.toLowerCase(java.util.Locale.ROOT)
                + ", not of the account "
                + account
                + ": check the account address");
      }
    }
    Object agents = rest.info(WireActions.map("type", "extraAgents", "user", account));
    if (agents instanceof List<?> list) {
      for (Object a : list) {
        if (a instanceof Map<?, ?> m
            && m.get("address") instanceof String addr
            && addr.equalsIgnoreCase(agent)) return;
      }
    }
    throw new IllegalStateException(
        "the signer "
            + agent
            + " may not trade for the account "
            + account
            + " (its role on the exchange: "
            + (roleName == null ? "unknown" : roleName)
            + ", and the account lists no such agent): approve it as an API wallet of the account, "
            + "or check the account address");
  }

  /**
   * Approves an API (agent) wallet to trade for this signer's account. Must be signed by the master
   * key, not by an agent. Use a freshly generated agent address each time; never reuse one.
   *
   * @param agentName null for the unnamed agent (which replaces the previous unnamed one)
   */
  public void approveAgent(String agentAddress, String agentName) {
    String agent = Hex.address(agentAddress, "agentAddress");
    long nonce = nonces().next();
    Map<String, Object> action =
        Signing.withUserSignedFields(WireActions.approveAgent(agent, agentName, nonce), network);
    Signature sig = Signing.signUserSignedAction(signer(), action, UserSignedType.APPROVE_AGENT);
    if (agentName == null)
      action.remove("agentName"); // signed with "", posted without, as the SDK does
    Parsers.okResponse(
        send(WireActions.envelope(action, nonce, sig, null, null), "approveAgent"), "approveAgent");
  }

  /**
   * Sends perp USDC to another address (user-signed; an agent cannot do this).
   *
   * @throws HyperliquidException.Transport when the outcome is unknown (the answer was lost after
   *     the request may have arrived): read the balance before sending again, or the amount may go
   *     twice
   */
  public void usdSend(String destination, BigDecimal amount) {
    String dest = Hex.address(destination, "destination");
    if (amount == null || amount.signum() <= 0)
      throw new IllegalArgumentException("amount must be > 0 but was " + amount);
    long nonce = nonces().next();
    Map<String, Object> action =
        Signing.withUserSignedFields(
            WireActions.usdSend(dest, WireFormat.toWire(amount), nonce), network);
    Signature sig = Signing.signUserSignedAction(signer(), action, UserSignedType.USD_SEND);
    Parsers.okResponse(
        send(WireActions.envelope(action, nonce, sig, null, null), "usdSend"), "usdSend");
  }

  // -------------------------------------------------------------------------------------------------- internals

  private Map<String, Object> wire(OrderRequest o) {
    if (o == null) throw new NullPointerException("order == null");
    AssetInfo info = assetInfo(o.asset());
    return WireActions.orderWire(
        info.index(),
        o.side() == Side.BUY,
        price(o.limitPrice(), info, "limitPrice"),
        size(o.size(), info),
        o.reduceOnly(),
        WireActions.limit(o.timeInForce()),
        o.cloid().hex());
  }

  private Map<String, Object> wire(TriggerOrder t) {
    if (t == null) throw new NullPointerException("trigger order == null");
    AssetInfo info = assetInfo(t.asset());
    Map<String, Object> type =
        WireActions.trigger(
            t.market(),
            price(t.triggerPrice(), info, "triggerPrice"),
            t.kind() == TriggerKind.TAKE_PROFIT ? "tp" : "sl");
    return WireActions.orderWire(
        info.index(),
        t.side() == Side.BUY,
        price(t.limitPrice(), info, "limitPrice"),
        size(t.size(), info),
        true,
        type,
        t.cloid().hex());
  }

  private static String price(BigDecimal px, AssetInfo info, String field) {
    if (!WireFormat.isValidPrice(px, info.sizeDecimals(), MarketKind.PERP)) {
      throw new IllegalArgumentException(
          field
              + " "
              + px.toPlainString()
              + " for "
              + info.asset()
              + " is not a valid tick (at most 5 significant figures and "
              + WireFormat.maxPriceDecimals(info.sizeDecimals(), MarketKind.PERP)
              + " decimals); round it with WireFormat.roundPrice");
    }
    return WireFormat.toWire(px);
  }

  private static String size(BigDecimal sz, AssetInfo info) {
    if (!WireFormat.isValidSize(sz, info.sizeDecimals())) {
      throw new IllegalArgumentException(
          "size "
              + sz.toPlainString()
              + " for "
              + info.asset()
              + " has more than "
              + info.sizeDecimals()
              + " decimals; round it with WireFormat.roundSize");
    }
    return WireFormat.toWire(sz);
  }

  private record Signed(String body, String type) {}

  private Signed sign(Map<String, Object> action) {
    long nonce = nonces().next();
    Long expires = expiresAfter == null ? null : nonce + expiresAfter.toMillis();
    Signature sig = Signing.signL1Action(signer(), action, nonce, vaultAddress, expires, network);
    return new Signed(
        WireActions.envelope(action, nonce, sig, vaultAddress, expires),
        String.valueOf(action.get("type")));
  }

  private Object l1(Map<String, Object> action) {
    Signed s = sign(action);
    return send(s.body(), s.type());
  }

  /**
   * Posts a signed action that carries no client order ids to look up. "Duplicate nonce" means an
   * earlier copy of these very bytes reached the exchange (the transport resends them after a lost
   * answer, and so may the HTTP stack after a dropped connection): the action's outcome is unknown,
   * not refused, and it is thrown as {@link HyperliquidException.Transport}.
   */
  private Object send(String body, String type) {
    Object tree;
    try {
      tree = rest.exchange(body, type);
    } catch (HyperliquidException.Rejected rejected) {
      throw rejected.isDuplicateNonce() ? unknownOutcome(type, rejected) : rejected;
    }
    if (tree instanceof Map<?, ?> m && "err".equals(m.get("status"))) {
      HyperliquidException.Rejected rejected =
          new HyperliquidException.Rejected(String.valueOf(m.get("response")), 200);
      if (rejected.isDuplicateNonce()) throw unknownOutcome(type, rejected);
    }
    return tree;
  }

  private static HyperliquidException.Transport unknownOutcome(
      String type, HyperliquidException.Rejected duplicate) {
    return new HyperliquidException.Transport(
        type
            + ": an earlier copy of this request reached the exchange and its answer was lost ("
            + duplicate.getMessage()
            + "); its outcome is unknown",
        duplicate.httpStatus(),
        duplicate);
  }

  /**
   * Sends an order action; after a lost answer, looks the orders up by cloid, and resends the
   * identical signed body (same nonce, so it cannot be applied twice) only when none is known.
   */
  private List<OrderResult> placeOrders(Map<String, Object> action, List<ClientOrderId> cloids) {
    Signed s = sign(action);
    try {
      return orderResults(rest.exchange(s.body(), s.type()), cloids);
    } catch (HyperliquidException.Rejected rejected) {
      // An earlier copy of these very bytes arrived (OkHttp resends after a dropped connection, and
      // 5xx
      // answers are retried): the outcome is whatever the exchange has under these cloids.
      if (!rejected.isDuplicateNonce()) throw rejected;
      LOG.warn(
          "order request answered '{}'; looking up {} by cloid", rejected.getMessage(), cloids);
      Optional<List<OrderResult>> known = lookUp(cloids);
      recovered(s.type(), cloids, known.isPresent(), rejected);
      return known.orElseThrow(() -> rejected);
    } catch (HyperliquidException.Transport lost) {
      LOG.warn(
          "order request failed ({}); looking up {} by cloid before anything is resent",
          lost.getMessage(),
          cloids);
      Optional<List<OrderResult>> known = lookUp(cloids);
      recovered(s.type(), cloids, known.isPresent(), lost);
      if (known.isPresent()) return known.get();
      try {
        return orderResults(rest.exchange(s.body(), s.type()), cloids);
      } catch (HyperliquidException.Rejected dup) {
        if (!dup.isDuplicateNonce()) throw dup;
        Optional<List<OrderResult>> arrived = lookUp(cloids);
        recovered(s.type(), cloids, arrived.isPresent(), dup);
        return arrived.orElseThrow(() -> lost);
      } catch (HyperliquidException.Transport lostAgain) {
        // The resend's answer was lost too: one more look, never a third send.
        Optional<List<OrderResult>> arrived = lookUp(cloids);
        recovered(s.type(), cloids, arrived.isPresent(), lostAgain);
        return arrived.orElseThrow(() -> lostAgain);
      }
    }
  }

  private void recovered(
      String request, List<ClientOrderId> cloids, boolean found, HyperliquidException cause) {
    try {
      listener.recoveredByCloid(
          new ClientListener.Recovery(request, cloids, found, String.valueOf(cause.getMessage())));
    } catch (RuntimeException e) {
      LOG.warn("client listener failed on a lookup by cloid: {}", e.toString());
    }
  }

  private List<OrderResult> orderResults(Object tree, List<ClientOrderId> cloids) {
    List<Object> statuses = Parsers.statuses(tree, "order");
    if (statuses.size() != cloids.size()) {
      throw new HyperliquidException.Malformed(
          "order: "
              + statuses.size()
              + " statuses for "
              + cloids.size()
              + " orders (orders may have been accepted)",
          null);
    }
    List<OrderResult> out = new ArrayList<>(statuses.size());
    for (int i = 0; i < statuses.size(); i++)
      out.add(Parsers.orderResult(statuses.get(i), cloids.get(i)));
    return out;
  }

  /**
   * Results from {@code orderStatus} when the exchange knows at least one of the cloids (a request
   * is atomic); a cloid it does not know is {@link OrderResult.Rejected} ({@value
   * #UNKNOWN_TO_THE_EXCHANGE}), never taken for an accepted order.
   */
  private Optional<List<OrderResult>> lookUp(List<ClientOrderId> cloids) {
    List<OrderResult> out = new ArrayList<>();
    boolean any = false;
    for (ClientOrderId c : cloids) {
      Optional<OrderResult> r = orderResult(c);
      any |= r.isPresent();
      out.add(r.orElse(new OrderResult.Rejected(UNKNOWN_TO_THE_EXCHANGE, c)));
    }
    return any ? Optional.of(out) : Optional.empty();
  }

  private OrderResult fromStatus(OrderStatus s, ClientOrderId cloid) {
    long oid = s.order().orderId();
    if (s.isOpen() || s.status().equals("triggered")) return new OrderResult.Resting(oid, cloid);
    // A filled order, but also a cancelled one that filled in part (an IOC's remainder is
    // "canceled"): what filled
    // is a position, never a rejection.
    BigDecimal size = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    for (Fill f : recentFills()) {
      if (f.orderId() == oid) {
        size = size.add(f.size());
        notional = notional.add(f.notional());
      }
    }
    if (size.signum() > 0) {
      BigDecimal avg = notional.divide(size, 12, RoundingMode.HALF_EVEN).stripTrailingZeros();
      return new OrderResult.Filled(oid, size, avg.scale() < 0 ? avg.setScale(0) : avg, cloid);
    }
    // Fills not visible yet: report the worst case the order allowed, its limit price.
    if (s.isFilled())
      return new OrderResult.Filled(oid, s.originalSize(), s.order().limitPrice(), cloid);
    return new OrderResult.Rejected(s.status(), cloid);
  }

  private String account() {
    if (accountAddress == null)
      throw new IllegalStateException(
          "no account address configured (set accountAddress or signer)");
    return accountAddress;
  }

  private Signer signer() {
    if (signer == null)
      throw new IllegalStateException("no signer configured: this client is read-only");
    return signer;
  }

  private NonceSource nonces() {
    signer();
    return nonces;
  }

  @Override
  public String toString() {
    return "HyperliquidExchange{network="
        + network
        + ", baseUrl="
        + baseUrl
        + ", account="
        + accountAddress
        + ", signer="
        + (signer == null ? "none" : signer.address())
        + (vaultAddress == null ? "" : ", vault=" + vaultAddress)
        + "}";
  }

  /**
   * Configures a {@link HyperliquidExchange}. Only {@link #network} decides how requests are
   * signed; {@link #baseUrl} only decides where they go (e.g. a local simulator).
   */
  public static final class Builder {
    private Network network = Network.TESTNET;
    private HttpUrl baseUrl;
    private Signer signer;
    private String accountAddress;
    private String vaultAddress;
    private OkHttpClient httpClient;
    private Duration timeout = Duration.ofSeconds(15);
    private int maxRetries = 3;
    private Duration retryBackoff = Duration.ofMillis(250);
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private NonceSource nonces;
    private Duration expiresAfter = Duration.ofMinutes(1);
    private ClientListener listener = ClientListener.NONE;

    private Builder() {}

    /** The network to sign for; default {@link Network#TESTNET}. Also the default base URL. */
    public Builder network(Network network) {
      if (network == null) throw new NullPointerException("network == null");
      this.network = network;
      return this;
    }

    /**
     * Where requests go, e.g. {@code http://127.0.0.1:8080} for a local simulator; default the
     * network's URL.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL
     */
    public Builder baseUrl(String baseUrl) {
      if (baseUrl == null) throw new NullPointerException("baseUrl == null");
      HttpUrl url =
          HttpUrl.parse(
              baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
      if (url == null)
        throw new IllegalArgumentException(
            "baseUrl must be an http(s) URL but was '" + baseUrl + "'");
      this.baseUrl = url;
      return this;
    }

    /**
     * The signing wallet (the account's own key or an approved agent's). Without it the client is
     * read-only.
     */
    public Builder signer(Signer signer) {
      this.signer = signer;
      return this;
    }

    /** The account traded and queried; default the vault address, else the signer's address. */
    public Builder accountAddress(String accountAddress) {
      this.accountAddress =
          accountAddress == null ? null : Hex.address(accountAddress, "accountAddress");
      return this;
    }

    /**
     * Trade for a vault or sub-account: signed into every L1 action and sent as {@code
     * vaultAddress}.
     */
    public Builder vaultAddress(String vaultAddress) {
      this.vaultAddress = vaultAddress == null ? null : Hex.address(vaultAddress, "vaultAddress");
      return this;
    }

    /** The OkHttp client to use (its timeouts apply); default a new one with {@link #timeout}. */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Whole-call timeout of the default HTTP client; default 15 s. */
    public Builder timeout(Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero())
        throw new IllegalArgumentException("timeout must be > 0 but was " + timeout);
      this.timeout = timeout;
      return this;
    }

    /** Retries after HTTP 429/5xx (and I/O failures of reads); default 3. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 10)
        throw new IllegalArgumentException("maxRetries must be in [0, 10] but was " + maxRetries);
      this.maxRetries = maxRetries;
      return this;
    }

    /** First retry delay, doubled each retry, plus up to 50% jitter; default 250 ms. */
    public Builder retryBackoff(Duration retryBackoff) {
      if (retryBackoff == null || retryBackoff.isNegative())
        throw new IllegalArgumentException("retryBackoff must be >= 0 but was " + retryBackoff);
      this.retryBackoff = retryBackoff;
      return this;
    }

    /**
     * The clock nonces are read from; default the system clock shared per signer across the JVM.
     */
    public Builder clock(Clock clock) {
      if (clock == null) throw new NullPointerException("clock == null");
      this.clock = clock;
      this.clockSet = true;
      return this;
    }

    /** An explicit nonce source (overrides {@link #clock} for nonces). */
    public Builder nonceSource(NonceSource nonces) {
      this.nonces = nonces;
      return this;
    }

    /**
     * Makes every L1 action (orders, cancels, leverage, …) expire this long after its nonce time,
     * so that a captured request cannot be replayed later; default one minute. {@code null} sends
     * none, as the SDKs do by default (the signature then covers no expiry).
     */
    public Builder expiresAfter(Duration expiresAfter) {
      if (expiresAfter != null && (expiresAfter.isNegative() || expiresAfter.isZero())) {
        throw new IllegalArgumentException("expiresAfter must be > 0 but was " + expiresAfter);
      }
      this.expiresAfter = expiresAfter;
      return this;
    }

    /**
     * Observes the faults the client recovers from by itself: retried HTTP 429/5xx answers and
     * order requests whose answer was lost and which were looked up by client order id. Default
     * {@link ClientListener#NONE}.
     */
    public Builder listener(ClientListener listener) {
      if (listener == null) throw new NullPointerException("listener == null");
      this.listener = listener;
      return this;
    }

    /** Builds the client. */
    public HyperliquidExchange build() {
      return new HyperliquidExchange(this);
    }
  }
}
