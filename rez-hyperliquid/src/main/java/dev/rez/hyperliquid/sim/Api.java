package dev.rez.hyperliquid.sim;

import static dev.rez.hyperliquid.sim.ExchangeActions.err;
import static dev.rez.hyperliquid.sim.ExchangeActions.ok;

import dev.rez.hyperliquid.Network;
import dev.rez.hyperliquid.Signature;
import dev.rez.hyperliquid.Signing;
import dev.rez.hyperliquid.UserSignedType;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * The wire protocol on top of the engine: {@code /info} and {@code /exchange} bodies in, JSON out.
 * This class routes and authenticates (signer recovery, agents, nonces, user-signed actions);
 * {@link InfoResponses} shapes the info answers and {@link ExchangeActions} applies the L1 actions.
 */
final class Api {
  /** An HTTP answer; {@code dropped} means: close the connection without answering. */
  record Response(int status, String body, boolean json, boolean dropped) {
    static Response json(Object tree) {
      return new Response(200, Json.write(tree), true, false);
    }

    static Response text(int status, String body) {
      return new Response(status, body, false, false);
    }
  }

  private static final long DAY_MS = 86_400_000L;
  private static final int NONCE_SET_SIZE = 100;

  private final Engine engine;
  private final Faults faults;
  private final LongSupplier wallClock;
  private final InfoResponses infos;
  private final ExchangeActions actions;
  final Map<String, String> agents = new HashMap<>();
  final Map<String, String> agentNames = new HashMap<>();
  final Map<String, TreeSet<Long>> nonces = new HashMap<>();

  /**
   * The builder fees users approved: {@code user/builder} (both lower case) to the highest fee, in
   * tenths of a basis point, an order naming that builder may carry.
   */
  final Map<String, Long> builderFees = new HashMap<>();

  /** Answers the info queries about roles, agents, fees and limits; set once after construction. */
  AccountInfo accountInfo;

  Api(Engine engine, Faults faults, LongSupplier wallClock) {
    this.engine = engine;
    this.faults = faults;
    this.wallClock = wallClock;
    this.infos = new InfoResponses(engine, faults);
    this.actions = new ExchangeActions(engine);
  }

  /** The shapes of the info answers, also used by the WebSocket feeds. */
  InfoResponses infos() {
    return infos;
  }

  // ------------------------------------------------------------------ info

  /**
   * A request body read once, for the meter and the route: its JSON object, or why it is not one.
   */
  record Request(Map<String, Object> object, Json.BadRequest error) {
    static Request of(String body) {
      try {
        return new Request(Json.object(Json.parse(body), "body"), null);
      } catch (Json.BadRequest e) {
        return new Request(null, e);
      }
    }

    /** The body's object, or the reason it has none thrown. */
    Map<String, Object> require() {
      if (error != null) throw error;
      return object;
    }
  }

  Response info(String body) {
    return info(Request.of(body));
  }

  Response info(Request request) {
    try {
      Map<String, Object> req = request.require();
      String type = Json.string(req, "type");
      synchronized (engine) {
        engine.sync();
        return Response.json(
            switch (type) {
              case "meta" -> infos.meta();
              case "metaAndAssetCtxs" -> List.of(infos.meta(), infos.assetCtxs());
              case "allMids" -> infos.allMids();
              case "l2Book" -> infos.l2Book(Json.string(req, "coin"));
              case "clearinghouseState" -> infos.clearinghouseState(user(req));
              case "openOrders" -> infos.openOrders(user(req));
              case "frontendOpenOrders" -> infos.frontendOpenOrders(user(req));
              case "userFills" -> infos.userFills(user(req), null, null, aggregateByTime(req));
              case "userFillsByTime" ->
                  infos.userFills(
                      user(req),
                      Json.integer(req, "startTime"),
                      Json.optInteger(req, "endTime"),
                      aggregateByTime(req));
              case "orderStatus" -> infos.orderStatus(user(req), req.get("oid"));
              case "historicalOrders" -> infos.historicalOrders(user(req));
              case "candleSnapshot" -> infos.candleSnapshot(Json.object(req.get("req"), "req"));
              case "spotMeta" -> InfoResponses.spotMeta();
              case "userFunding" ->
                  infos.userFunding(
                      user(req), Json.integer(req, "startTime"), Json.optInteger(req, "endTime"));
              case "activeAssetData" -> infos.activeAssetData(user(req), Json.string(req, "coin"));
              case "userNonFundingLedgerUpdates" ->
                  infos.nonFundingLedgerUpdates(
                      user(req), Json.integer(req, "startTime"), Json.optInteger(req, "endTime"));
              case "fundingHistory" ->
                  infos.fundingHistory(
                      Json.string(req, "coin"),
                      Json.integer(req, "startTime"),
                      Json.optInteger(req, "endTime"));
              case "spotClearinghouseState" -> infos.spotClearinghouseState(user(req));
              case "exchangeStatus" -> InfoResponses.exchangeStatus(engine.now());
              case "webData2" -> WebData.webData2(this, engine, user(req));
              case "portfolio" -> Portfolio.of(engine, user(req));
              case "predictedFundings" -> infos.predictedFundings();
              // No sub-accounts, multi-sig users or builder-deployed dexes exist here; the exchange
              // answers null for an account without them (and that never set dex abstraction).
              case "subAccounts", "userToMultiSigSigners", "userDexAbstraction" -> {
                user(req);
                yield null;
              }
              default -> {
                Object answer = accountInfo == null ? null : accountInfo.answer(type, req);
                if (answer == null) {
                  throw new Json.BadRequest(
                      "Failed to deserialize the JSON body into the target type: unknown info type '"
                          + type
                          + "'");
                }
                yield answer;
              }
            });
      }
    } catch (Json.BadRequest e) {
      return Response.text(422, e.getMessage());
    }
  }

  /** The optional {@code aggregateByTime} flag of a fills request (also of a subscription). */
  static boolean aggregateByTime(Map<String, Object> req) {
    Object flag = req.get("aggregateByTime");
    if (flag == null || flag instanceof Boolean) return Boolean.TRUE.equals(flag);
    throw new Json.BadRequest(
        "Failed to deserialize the JSON body: aggregateByTime must be a boolean");
  }

  private static String user(Map<String, Object> req) {
    return Json.string(req, "user").toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ exchange

  Response exchange(String body) {
    return exchange(Request.of(body));
  }

  Response exchange(Request request) {
    try {
      Map<String, Object> req = request.require();
      Map<String, Object> action = Json.object(req.get("action"), "action");
      long nonce = Json.integer(req, "nonce");
      Map<String, Object> sig = Json.object(req.get("signature"), "signature");
      Signature signature;
      try {
        signature =
            Signature.of(
                Json.string(sig, "r"), Json.string(sig, "s"), (int) Json.integer(sig, "v"));
      } catch (IllegalArgumentException e) {
        throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
      }
      String vault = Json.optString(req, "vaultAddress");
      Long expiresAfter = Json.optInteger(req, "expiresAfter");
      String type = Json.string(action, "type");
      synchronized (engine) {
        engine.sync();
        if (USER_SIGNED.contains(type) && expiresAfter != null) {
          // The exchange refuses it (the official SDK: "must be None in order for those actions
          // to work"); the signature covers no expiry, so honouring it would be a guess.
          return err(
              "expiresAfter is not supported for user-signed actions such as "
                  + type
                  + "; send null.");
        }
        if (type.equals("approveAgent")) return approveAgent(action, nonce, signature);
        if (type.equals("usdSend")) {
          return timedTransfer(action, nonce, signature, UserSignedType.USD_SEND, engine::usdSend);
        }
        if (type.equals("approveBuilderFee")) return approveBuilderFee(action, nonce, signature);
        if (type.equals("usdClassTransfer")) return usdClassTransfer(action, nonce, signature);
        if (type.equals("withdraw3")) {
          // USDC leaves the simulated exchange for the destination.
          return timedTransfer(
              action,
              nonce,
              signature,
              UserSignedType.WITHDRAW,
              (signer, to, amount) -> engine.withdraw(signer, amount, to, nonce));
        }
        Map<String, Object> canonical = ExchangeActions.canonical(type, action);
        String signer = null;
        String user = null;
        for (Network network : new Network[] {Network.TESTNET, Network.MAINNET}) {
          String candidate = recover(canonical, nonce, vault, expiresAfter, network, signature);
          if (signer == null) signer = candidate;
          String u =
              agents.containsKey(candidate)
                  ? agents.get(candidate)
                  : engine.account(candidate) != null ? candidate : null;
          if (u != null) {
            signer = candidate;
            user = u;
            break;
          }
        }
        if (user == null) return err("L1 error: User or API Wallet " + signer + " does not exist.");
        if (vault != null)
          return err("Vault and sub-account trading is not supported by the simulator: " + vault);
        if (expiresAfter != null && expiresAfter < wallClock.getAsLong()) {
          return err("Action expired: expiresAfter " + expiresAfter + " is in the past.");
        }
        String nonceError = useNonce(signer, nonce);
        if (nonceError != null) return err(nonceError);
        if (canonical.get("builder") instanceof Map<?, ?> builder
            && !builderApproved(user, builder)) return err("Builder fee has not been approved.");
        Response r = actions.dispatch(user, type, canonical);
        if (type.equals("order") && faults.takeDroppedAck())
          return new Response(0, "", false, true);
        return r;
      }
    } catch (Json.BadRequest e) {
      return Response.text(422, e.getMessage());
    }
  }

  /** The actions signed as EIP-712 typed data by the user, which carry no expiry. */
  private static final Set<String> USER_SIGNED =
      Set.of("approveAgent", "usdSend", "approveBuilderFee", "usdClassTransfer", "withdraw3");

  private static String recover(
      Map<String, Object> action,
      long nonce,
      String vault,
      Long expiresAfter,
      Network network,
      Signature sig) {
    try {
      return Signing.recoverL1Signer(action, nonce, vault, expiresAfter, network, sig);
    } catch (IllegalArgumentException e) {
      // A signature that recovers to no key: report a random-looking address, as the exchange does.
      return "0x" + "0".repeat(40);
    }
  }

  private String useNonce(String signer, long nonce) {
    long now = wallClock.getAsLong();
    if (nonce <= now - 2 * DAY_MS || nonce >= now + DAY_MS) {
      return "Invalid nonce: nonce "
          + nonce
          + " is outside the allowed window of (now - 2 days, now + 1 day).";
    }
    TreeSet<Long> used = nonces.computeIfAbsent(signer, s -> new TreeSet<>());
    if (used.contains(nonce)) return "Invalid nonce: duplicate nonce " + nonce;
    if (used.size() >= NONCE_SET_SIZE && nonce < used.first()) {
      return "Invalid nonce: nonce "
          + nonce
          + " is lower than the lowest of the "
          + NONCE_SET_SIZE
          + " highest nonces used.";
    }
    used.add(nonce);
    if (used.size() > NONCE_SET_SIZE) used.pollFirst();
    return null;
  }

  private Response approveAgent(Map<String, Object> action, long nonce, Signature signature) {
    String agent = Json.string(action, "agentAddress").toLowerCase(Locale.ROOT);
    String name = Json.optString(action, "agentName");
    Signed signed = userSigned(action, UserSignedType.APPROVE_AGENT, nonce, signature);
    if (signed.error() != null) return signed.error();
    String signer = signed.signer();
    String key = signer + "/" + (name == null ? "" : name);
    String previous = agentNames.put(key, agent);
    if (previous != null) agents.remove(previous);
    agents.put(agent, signer);
    return ok("default", null);
  }

  /**
   * Records the highest builder fee {@code user} lets orders name for the builder ({@code
   * maxFeeRate} such as {@code "0.01%"}); the simulator charges no builder fee.
   */
  private Response approveBuilderFee(Map<String, Object> action, long nonce, Signature signature) {
    String rate = Json.string(action, "maxFeeRate");
    String builder = Json.string(action, "builder").toLowerCase(Locale.ROOT);
    long tenthsOfBps;
    try {
      if (!rate.endsWith("%")) throw new NumberFormatException(rate);
      // 1% is 100 bps, 1000 tenths of a basis point.
      tenthsOfBps =
          Json.decimalString(rate.substring(0, rate.length() - 1), "maxFeeRate")
              .movePointRight(3)
              .longValueExact();
      if (tenthsOfBps < 0) throw new NumberFormatException(rate);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Json.BadRequest(
          "Failed to deserialize the JSON body: maxFeeRate must be a percentage such as 0.01%, not "
              + rate);
    }
    Signed signed = userSigned(action, UserSignedType.APPROVE_BUILDER_FEE, nonce, signature);
    if (signed.error() != null) return signed.error();
    builderFees.put(signed.signer() + "/" + builder, tenthsOfBps);
    return ok("default", null);
  }

  /**
   * Whether {@code user} approved the order's builder fee: a fee above zero needs the builder
   * approved for at least that fee; a zero fee (attribution only) needs any builder approved, as on
   * the exchange.
   */
  private boolean builderApproved(String user, Map<?, ?> builder) {
    long fee = ((Number) builder.get("f")).longValue();
    if (fee < 0) return false;
    if (fee == 0) return builderFees.keySet().stream().anyMatch(k -> k.startsWith(user + "/"));
    Long max =
        builderFees.get(user + "/" + String.valueOf(builder.get("b")).toLowerCase(Locale.ROOT));
    return max != null && fee <= max;
  }

  /**
   * The highest builder fee {@code user} approved for {@code builder}, tenths of a bp; 0 if none.
   */
  long maxBuilderFee(String user, String builder) {
    return builderFees.getOrDefault(user + "/" + builder.toLowerCase(Locale.ROOT), 0L);
  }

  /**
   * A verified user-signed action with a {@code nonce} field: its signer, or the answer refusing
   * it.
   */
  private record Signed(String signer, Response error) {}

  private Signed userSigned(
      Map<String, Object> action, UserSignedType type, long nonce, Signature signature) {
    long actionNonce = Json.integer(action, "nonce");
    Json.string(action, "hyperliquidChain");
    Json.string(action, "signatureChainId");
    String signer;
    try {
      signer = Signing.recoverUserSignedSigner(action, type, signature);
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
    if (engine.account(signer) == null)
      return new Signed(signer, err("Must deposit before performing actions. User: " + signer));
    if (actionNonce != nonce) {
      return new Signed(
          signer,
          err(
              "Invalid nonce: the action's nonce "
                  + actionNonce
                  + " differs from the request nonce "
                  + nonce));
    }
    String nonceError = useNonce(signer, nonce);
    return new Signed(signer, nonceError == null ? null : err(nonceError));
  }

  /**
   * Moves USDC between the signer's perp and spot balances; a sub-account's transfer (an amount
   * ending {@code subaccount:<address>}) is refused, as the simulator has no sub-accounts.
   */
  private Response usdClassTransfer(Map<String, Object> action, long nonce, Signature signature) {
    String amountText = Json.string(action, "amount");
    if (amountText.contains("subaccount:"))
      return err("Sub-accounts are not supported by the simulator: " + amountText);
    BigDecimal amount = Json.decimalString(amountText, "amount");
    if (!(action.get("toPerp") instanceof Boolean toPerp))
      throw new Json.BadRequest("Failed to deserialize the JSON body: toPerp must be a boolean");
    Signed signed = userSigned(action, UserSignedType.USD_CLASS_TRANSFER, nonce, signature);
    if (signed.error() != null) return signed.error();
    String error = engine.usdClassTransfer(signed.signer(), amount, toPerp);
    return error == null ? ok("default", null) : err(error);
  }

  /** What a transfer of USDC to an address does: null on success, or the error text. */
  private interface Move {
    String apply(String signer, String to, BigDecimal amount);
  }

  /**
   * A user-signed transfer of USDC to a {@code destination} whose action carries its nonce as
   * {@code time} ({@code usdSend}, {@code withdraw3}): checked, then done by {@code move}.
   */
  private Response timedTransfer(
      Map<String, Object> action, long nonce, Signature signature, UserSignedType type, Move move) {
    String destination = Json.string(action, "destination");
    BigDecimal amount = Json.decimalString(Json.string(action, "amount"), "amount");
    long time = Json.integer(action, "time");
    Json.string(action, "hyperliquidChain");
    Json.string(action, "signatureChainId");
    String signer;
    String to;
    try {
      signer = Signing.recoverUserSignedSigner(action, type, signature);
      to = Signing.normalizeAddress(destination);
    } catch (IllegalArgumentException e) {
      throw new Json.BadRequest("Failed to deserialize the JSON body: " + e.getMessage());
    }
    if (engine.account(signer) == null)
      return err("Must deposit before performing actions. User: " + signer);
    if (time != nonce)
      return err(
          "Invalid nonce: the action's time " + time + " differs from the request nonce " + nonce);
    String nonceError = useNonce(signer, nonce);
    if (nonceError != null) return err(nonceError);
    String error = move.apply(signer, to, amount);
    return error == null ? ok("default", null) : err(error);
  }
}
