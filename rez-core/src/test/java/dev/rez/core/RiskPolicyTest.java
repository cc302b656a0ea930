package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RiskPolicyTest {
  private static final Asset BTC = Asset.of("BTC");
  private static final Asset ETH = Asset.of("ETH");
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final BigDecimal MARK = new BigDecimal("100");

  private final MutableClock clock = new MutableClock(NOW);

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static BigDecimal bd(String s) {
    return new BigDecimal(s);
  }

  private RiskPolicy policy(RiskProfile profile) {
    return new RiskPolicy(profile.limits(), clock);
  }

  private RiskPolicy policy(RiskLimits limits) {
    return new RiskPolicy(limits, clock);
  }

  private static AccountState account(String equity, Position... positions) {
    return account(equity, "0", positions);
  }

  private static AccountState account(String equity, String marginUsed, Position... positions) {
    return new AccountState(bd(equity), bd(marginUsed), bd(equity), List.of(positions), NOW);
  }

  private static Position position(Asset asset, String size, String entry) {
    return new Position(asset, bd(size), bd(entry), BigDecimal.ZERO, 5, null, BigDecimal.ZERO);
  }

  private static TradeDecision longBtc(
      String notional, int leverage, String takeProfit, String stopLoss) {
    return TradeDecision.open(
        Side.BUY,
        BTC,
        bd(notional),
        leverage,
        takeProfit == null ? null : bd(takeProfit),
        stopLoss == null ? null : bd(stopLoss),
        "test");
  }

  private static TradeDecision shortBtc(
      String notional, int leverage, String takeProfit, String stopLoss) {
    return TradeDecision.open(
        Side.SELL,
        BTC,
        bd(notional),
        leverage,
        takeProfit == null ? null : bd(takeProfit),
        stopLoss == null ? null : bd(stopLoss),
        "test");
  }

  private static List<String> codes(RiskVerdict v) {
    return v.reasons().stream().map(RiskVerdict.Reason::code).toList();
  }

  private static String messages(RiskVerdict v) {
    return v.summary();
  }

  @Nested
  class EveryProfile {
    private String notional(RiskProfile p) {
      return p == RiskProfile.DEBUG ? "11" : "1000";
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void acceptsAProtectedTradeWithinTheLimits(RiskProfile p) {
      RiskPolicy policy = policy(p);
      int leverage = p.limits().minLeverage();
      for (TradeDecision d :
          List.of(
              longBtc(notional(p), leverage, "104", "98"),
              shortBtc(notional(p), leverage, "96", "102"))) {
        RiskVerdict v = policy.evaluate(d, account("10000"), MARK);
        assertThat(v.outcome()).as(v.summary()).isEqualTo(RiskVerdict.Outcome.APPROVED);
        assertThat(v.decision()).isSameAs(d);
        assertThat(v.reasons()).isEmpty();
        assertThat(v.allowed()).isTrue();
      }
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void clipsLeverageToTheProfileMaximum(RiskProfile p) {
      RiskVerdict v =
          policy(p).evaluate(longBtc(notional(p), 50, "102", "99"), account("10000"), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.ADJUSTED);
      assertThat(codes(v)).containsExactly("leverage-clipped");
      assertThat(v.decision().leverage()).isEqualTo(p.limits().maxLeverage());
      assertThat(v.reasons().get(0).message())
          .isEqualTo(
              "leverage 50x clipped to the maximum "
                  + p.limits().maxLeverage()
                  + "x ("
                  + p.id()
                  + " profile)");
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo(notional(p));
      assertThat(v.decision().stopLoss()).isEqualByComparingTo("99");
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void clipsSizeToTheMarginPerTrade(RiskProfile p) {
      RiskLimits l = p.limits();
      int leverage = l.minLeverage();
      RiskVerdict v =
          policy(p).evaluate(longBtc("1000000", leverage, "104", "98"), account("10000"), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.ADJUSTED);
      BigDecimal marginCap =
          bd("10000").multiply(l.maxMarginFraction()).multiply(BigDecimal.valueOf(leverage));
      // A profile that lets the whole equity serve as margin meets the free margin's reserve first.
      BigDecimal freeCap =
          bd("10000")
              .multiply(BigDecimal.ONE.subtract(RiskPolicy.FREE_MARGIN_RESERVE))
              .multiply(BigDecimal.valueOf(leverage));
      List<String> expected = new java.util.ArrayList<>(List.of("margin-clipped"));
      if (marginCap.compareTo(freeCap) > 0) expected.add("available-margin-clipped");
      if (l.maxPositionNotional() == null) {
        assertThat(codes(v)).containsExactlyElementsOf(expected);
        assertThat(v.decision().notionalUsd()).isEqualByComparingTo(marginCap.min(freeCap));
      } else {
        expected.add("position-notional-clipped");
        assertThat(codes(v)).containsExactlyElementsOf(expected);
        assertThat(v.decision().notionalUsd()).isEqualByComparingTo(l.maxPositionNotional());
      }
      assertThat(v.decision().leverage()).isEqualTo(leverage);
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void rejectsAnOpenWithoutProtection(RiskProfile p) {
      RiskVerdict v =
          policy(p).evaluate(longBtc(notional(p), 1, null, null), account("10000"), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.REJECTED);
      assertThat(v.allowed()).isFalse();
      assertThat(codes(v)).containsExactly("stop-loss-missing", "take-profit-missing");
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void rejectsBelowTheMinimumOrderValue(RiskProfile p) {
      RiskVerdict v = policy(p).evaluate(longBtc("10.99", 1, "104", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("below-minimum-order");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("notional $10.99 is below the minimum order value $11.00");
    }

    @ParameterizedTest
    @EnumSource(RiskProfile.class)
    void cooldownFollowsTheProfileAndDoublesAfterALoss(RiskProfile p) {
      RiskPolicy policy = policy(p);
      Duration cooldown = p.limits().cooldown();
      TradeDecision d = longBtc(notional(p), 1, "104", "98");

      policy.recordClose(BTC, NOW, bd("5"));
      if (!cooldown.isZero()) {
        clock.set(NOW.plus(cooldown).minusSeconds(1));
        assertThat(codes(policy.evaluate(d, account("10000"), MARK))).containsExactly("cooldown");
      }
      clock.set(NOW.plus(cooldown));
      assertThat(policy.evaluate(d, account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);

      policy.recordClose(BTC, clock.instant(), bd("-5"));
      Instant lossClose = clock.instant();
      if (!cooldown.isZero()) {
        clock.set(lossClose.plus(cooldown.multipliedBy(2)).minusSeconds(1));
        RiskVerdict v = policy.evaluate(d, account("10000"), MARK);
        assertThat(codes(v)).containsExactly("cooldown");
        assertThat(v.reasons().get(0).message())
            .contains("losing close", "(" + cooldown.multipliedBy(2).toMinutes() + " min)");
      }
      clock.set(lossClose.plus(cooldown.multipliedBy(2)));
      assertThat(policy.evaluate(d, account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }
  }

  @Nested
  class ActionsThatAddNoRisk {
    @Test
    void holdIsAlwaysApproved() {
      RiskPolicy policy = policy(RiskProfile.MODERATE);
      policy.halt("maintenance", null);
      RiskVerdict v =
          policy.evaluate(TradeDecision.hold(BTC, "nothing to do"), account("10000"), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
      assertThat(v.summary()).isEqualTo("approved");
    }

    @Test
    void closeIsApprovedWhenThereIsAPositionEvenWhenHalted() {
      RiskPolicy policy = policy(RiskProfile.MODERATE);
      policy.halt("maintenance", null);
      RiskVerdict v =
          policy.evaluate(
              TradeDecision.close(BTC, "exit"), account("10000", position(BTC, "1", "90")), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void closeWithoutAPositionIsRejected() {
      RiskVerdict v =
          policy(RiskProfile.MODERATE)
              .evaluate(
                  TradeDecision.close(BTC, "exit"),
                  account("10000", position(ETH, "1", "90")),
                  MARK);
      assertThat(codes(v)).containsExactly("no-position");
      assertThat(v.reasons().get(0).message()).isEqualTo("there is no open BTC position to close");
    }
  }

  @Nested
  class AdjustProtection {
    private final AccountState longAt100 = account("10000", position(BTC, "1", "100"));
    private final AccountState shortAt100 = account("10000", position(BTC, "-1", "100"));
    private final BigDecimal mark = bd("105");

    private RiskVerdict adjust(AccountState account, String tp, String sl, BigDecimal price) {
      RiskPolicy policy = policy(RiskProfile.MODERATE);
      return policy.evaluate(
          TradeDecision.adjustProtection(
              BTC, tp == null ? null : bd(tp), sl == null ? null : bd(sl), "trail"),
          account,
          price);
    }

    @Test
    void approvesATrailingStopAndATakeProfitOnTheRightSide() {
      assertThat(adjust(longAt100, "120", "104", mark).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      assertThat(adjust(shortAt100, "80", "96", bd("95")).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void approvesEvenWhenHalted() {
      RiskPolicy policy = policy(RiskProfile.MODERATE);
      policy.halt("maintenance", null);
      RiskVerdict v =
          policy.evaluate(
              TradeDecision.adjustProtection(BTC, null, bd("104"), "trail"), longAt100, mark);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void rejectsWithoutAPosition() {
      assertThat(codes(adjust(account("10000"), null, "99", mark))).containsExactly("no-position");
    }

    @Test
    void rejectsAStopOnTheWrongSideOfThePrice() {
      RiskVerdict v = adjust(longAt100, null, "106", mark);
      assertThat(codes(v)).containsExactly("stop-loss-wrong-side");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("stop-loss 106 must be below the current price 105 for a long");
      assertThat(codes(adjust(shortAt100, null, "94", bd("95"))))
          .containsExactly("stop-loss-wrong-side");
    }

    @Test
    void rejectsAStopTooCloseToThePrice() {
      RiskVerdict v = adjust(longAt100, null, "104.9", mark);
      assertThat(codes(v)).containsExactly("stop-loss-too-close");
      assertThat(v.reasons().get(0).message())
          .contains("0.0952 %", "closer than the minimum 0.2 %");
    }

    @Test
    void rejectsWideningTheStopBeyondTheMaximumFromEntry() {
      RiskVerdict v = adjust(longAt100, null, "89", mark);
      assertThat(codes(v)).containsExactly("stop-loss-too-far");
      assertThat(v.reasons().get(0).message()).contains("11 % from the entry", "maximum 10 %");
      assertThat(adjust(longAt100, null, "91", mark).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      assertThat(codes(adjust(shortAt100, null, "111", bd("95"))))
          .containsExactly("stop-loss-too-far");
    }

    @Test
    void rejectsMovingTheStopToOrBeyondTheLiquidationPrice() {
      // 10x long from 100, liquidated at 92: a stop at 91 is within the 10 % maximum from entry but
      // never fires.
      AccountState long10x =
          account(
              "10000",
              new Position(BTC, bd("1"), bd("100"), BigDecimal.ZERO, 10, bd("92"), bd("10")));
      RiskVerdict v = adjust(long10x, null, "91", bd("100"));
      assertThat(codes(v)).containsExactly("stop-beyond-liquidation");
      assertThat(v.reasons().get(0).message()).contains("stop-loss 91", "liquidation price 92");
      assertThat(codes(adjust(long10x, null, "92", bd("100"))))
          .containsExactly("stop-beyond-liquidation");
      // Within 80 % of the way from the price to liquidation: 100 - 0.8 * 8 = 93.6.
      assertThat(codes(adjust(long10x, null, "93.5", bd("100"))))
          .containsExactly("stop-beyond-liquidation");
      assertThat(adjust(long10x, null, "93.7", bd("100")).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      AccountState short10x =
          account(
              "10000",
              new Position(BTC, bd("-1"), bd("100"), BigDecimal.ZERO, 10, bd("108"), bd("10")));
      assertThat(codes(adjust(short10x, null, "109", bd("100"))))
          .containsExactly("stop-beyond-liquidation");
      assertThat(adjust(short10x, null, "106", bd("100")).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      // Without a reported liquidation price only the distance limits apply.
      assertThat(adjust(longAt100, null, "91", mark).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void rejectsATakeProfitOnTheWrongSide() {
      RiskVerdict v = adjust(longAt100, "104", null, mark);
      assertThat(codes(v)).containsExactly("take-profit-wrong-side");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("take-profit 104 must be above the current price 105 for a long");
      assertThat(codes(adjust(shortAt100, "96", null, bd("95"))))
          .containsExactly("take-profit-wrong-side");
    }
  }

  @Nested
  class Opens {
    private final RiskPolicy moderate = policy(RiskProfile.MODERATE);

    @Test
    void rejectsAssetsOutsideTheAllowedSet() {
      RiskPolicy policy =
          policy(
              RiskProfile.MODERATE.limits().toBuilder()
                  .allowedAssets(Set.of(ETH, Asset.of("SOL")))
                  .build());
      RiskVerdict v = policy.evaluate(longBtc("1000", 5, "104", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("asset-not-allowed");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("BTC is not among the allowed assets [ETH, SOL]");
    }

    @Test
    void rejectsASecondPositionInTheSameAsset() {
      RiskVerdict v =
          moderate.evaluate(
              longBtc("1000", 5, "104", "98"), account("10000", position(BTC, "-1", "100")), MARK);
      assertThat(codes(v)).containsExactly("position-exists");
    }

    @Test
    void cooldownIsPerAssetAndAnOlderCloseDoesNotReplaceANewerOne() {
      moderate.recordClose(BTC, NOW, bd("-1"));
      moderate.recordClose(BTC, NOW.minus(Duration.ofHours(1)), bd("1"));
      clock.advance(Duration.ofMinutes(15));
      assertThat(codes(moderate.evaluate(longBtc("1000", 5, "104", "98"), account("10000"), MARK)))
          .containsExactly("cooldown");
      TradeDecision eth =
          TradeDecision.open(Side.BUY, ETH, bd("1000"), 5, bd("104"), bd("98"), "other asset");
      assertThat(moderate.evaluate(eth, account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void rejectsStopsOnTheWrongSide() {
      RiskVerdict v = moderate.evaluate(longBtc("1000", 5, "110", "101"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("stop-loss-wrong-side");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("stop-loss 101 must be below the entry 100 for a long");
      RiskVerdict s = moderate.evaluate(shortBtc("1000", 5, "90", "99"), account("10000"), MARK);
      assertThat(s.reasons().get(0).message())
          .isEqualTo("stop-loss 99 must be above the entry 100 for a short");
    }

    @Test
    void rejectsMissingOrMisplacedTakeProfit() {
      assertThat(codes(moderate.evaluate(longBtc("1000", 5, null, "98"), account("10000"), MARK)))
          .containsExactly("take-profit-missing");
      RiskVerdict v = moderate.evaluate(longBtc("1000", 5, "99", "95"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("take-profit-wrong-side");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("take-profit 99 must be above the entry 100 for a long");
      assertThat(
              codes(moderate.evaluate(shortBtc("1000", 5, "101", "105"), account("10000"), MARK)))
          .containsExactly("take-profit-wrong-side");
    }

    @Test
    void rejectsAStopTooCloseToTheEntry() {
      RiskVerdict v = moderate.evaluate(longBtc("1000", 5, "101", "99.9"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("stop-loss-too-close");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("stop-loss 99.9 is 0.1 % from the entry 100, closer than the minimum 0.2 %");
      assertThat(
              moderate
                  .evaluate(longBtc("1000", 5, "101", "99.8"), account("10000"), MARK)
                  .outcome())
          .as("exactly the minimum distance")
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void rejectsAStopTooFarFromTheEntryAndReportsEveryProblem() {
      RiskVerdict v = moderate.evaluate(longBtc("1000", 1, "110", "85"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("stop-loss-too-far", "reward-risk-too-low");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("stop-loss 85 is 15 % from the entry 100, farther than the maximum 10 %");
      assertThat(v.reasons().get(1).message())
          .isEqualTo("reward-to-risk 0.67 is below the minimum 1.5");
    }

    @Test
    void rejectsAPoorRewardToRiskAndAcceptsTheMinimumExactly() {
      RiskVerdict v = moderate.evaluate(longBtc("1000", 5, "102.9", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("reward-risk-too-low");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("reward-to-risk 1.45 is below the minimum 1.5");
      assertThat(
              moderate.evaluate(longBtc("1000", 5, "103", "98"), account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      assertThat(
              moderate.evaluate(shortBtc("1000", 5, "97", "102"), account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
    }

    @Test
    void theHardLeverageCapBeatsTheProfile() {
      RiskPolicy policy = policy(RiskProfile.HIGH.limits().toBuilder().maxLeverage(50).build());
      RiskVerdict v = policy.evaluate(longBtc("1000", 40, "101", "99.5"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("leverage-clipped");
      assertThat(v.decision().leverage()).isEqualTo(RiskProfile.DEFAULT_HARD_LEVERAGE_CAP);
      assertThat(v.reasons().get(0).message())
          .isEqualTo("leverage 40x clipped to the maximum 20x (hard cap)");

      RiskPolicy capped =
          policy(RiskProfile.MODERATE.limits().toBuilder().hardLeverageCap(3).build());
      RiskVerdict c = capped.evaluate(longBtc("1000", 5, "104", "98"), account("10000"), MARK);
      assertThat(c.decision().leverage()).isEqualTo(3);
      assertThat(c.reasons().get(0).message()).endsWith("(hard cap)");
    }

    @Test
    void clipsLeverageToTheVenueMaximum() {
      AssetInfo btc3x = new AssetInfo(BTC, 0, 5, 3);
      RiskVerdict v =
          moderate.evaluate(longBtc("1000", 5, "104", "98"), account("10000"), MARK, btc3x);
      assertThat(codes(v)).containsExactly("leverage-clipped-venue");
      assertThat(v.decision().leverage()).isEqualTo(3);
      assertThat(v.reasons().get(0).message())
          .isEqualTo("leverage 5x clipped to 3x, the venue's maximum for BTC");
    }

    @Test
    void venueInfoMustDescribeTheDecisionsAsset() {
      assertThatThrownBy(
              () ->
                  moderate.evaluate(
                      longBtc("1000", 5, "104", "98"),
                      account("10000"),
                      MARK,
                      new AssetInfo(ETH, 1, 4, 25)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("venue describes ETH but the decision is about BTC");
    }

    @Test
    void lowersLeverageSoTheStopTriggersBeforeLiquidation() {
      // Unknown venue: the worst case puts liquidation 1/(2L+1) away; 5 % must be within 80 % of
      // it: L <= 7.
      RiskVerdict v = moderate.evaluate(longBtc("1000", 10, "110", "95"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("leverage-clipped-for-stop");
      assertThat(v.decision().leverage()).isEqualTo(7);
      assertThat(v.reasons().get(0).message())
          .isEqualTo(
              "leverage 10x lowered to 7x so the stop-loss 5 % away triggers before liquidation");

      // A venue allowing 40x keeps maintenance margin at 1.25 %: 10x leaves liquidation 8.6 % away,
      // enough.
      assertThat(
              moderate
                  .evaluate(
                      longBtc("1000", 10, "110", "95"),
                      account("10000"),
                      MARK,
                      new AssetInfo(BTC, 0, 5, 40))
                  .outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      // A venue allowing only 10x keeps 5 %: at 10x liquidation is 4.8 % away, beyond the stop; 8x
      // leaves 6.8 %.
      RiskVerdict alt =
          moderate.evaluate(
              longBtc("1000", 10, "110", "95"),
              account("10000"),
              MARK,
              new AssetInfo(BTC, 0, 2, 10));
      assertThat(alt.decision().leverage()).isEqualTo(8);
    }

    @Test
    void everyApprovedLeverageKeepsTheStopWithinEightyPercentOfLiquidation() {
      RiskPolicy policy =
          policy(RiskProfile.HIGH.limits().toBuilder().maxLeverage(50).hardLeverageCap(50).build());
      for (int venueMax : new int[] {0, 3, 10, 20, 40, 50}) {
        AssetInfo venue = venueMax == 0 ? null : new AssetInfo(BTC, 0, 5, venueMax);
        for (int bps = 20; bps <= 1000; bps += 10) {
          BigDecimal stop =
              BigDecimal.valueOf(10000 - bps, 2); // mark 100, stop bps basis points below
          BigDecimal tp = BigDecimal.valueOf(10000 + 2 * bps, 2);
          RiskVerdict v =
              policy.evaluate(
                  longBtc("100", 50, tp.toPlainString(), stop.toPlainString()),
                  account("1000000"),
                  MARK,
                  venue);
          assertThat(v.allowed()).isTrue();
          int leverage = v.decision().leverage();
          double m = 1.0 / (2.0 * (venue == null ? leverage : venueMax));
          // Hyperliquid's isolated liquidation distance, long and short.
          double longDistance = (1.0 / leverage - m) / (1 - m);
          double shortDistance = (1.0 / leverage - m) / (1 + m);
          double stopDistance = bps / 10000.0;
          assertThat(stopDistance)
              .as("leverage %d, stop %d bps, venue %d", leverage, bps, venueMax)
              .isLessThanOrEqualTo(0.8 * Math.min(longDistance, shortDistance) + 1e-12);
          if (leverage < (venue == null ? 50 : venueMax)) {
            int next = leverage + 1;
            double mNext = 1.0 / (2.0 * (venue == null ? next : venueMax));
            assertThat(stopDistance)
                .as("leverage %d is the highest safe one", leverage)
                .isGreaterThan(0.8 * (1.0 / next - mNext) / (1 + mNext) - 1e-12);
          }
        }
      }
    }

    @Test
    void rejectsAStopThatWouldLieBeyondLiquidationEvenAtOneX() {
      RiskPolicy policy =
          policy(RiskProfile.MODERATE.limits().toBuilder().maxStopDistance(bd("0.5")).build());
      RiskVerdict v = policy.evaluate(longBtc("1000", 3, "200", "70"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("stop-beyond-liquidation");
      assertThat(v.reasons().get(0).message())
          .isEqualTo("stop-loss 30 % away would not trigger before liquidation even at 1x");
      // 20 % at 1x is fine: the worst-case liquidation is 33 % away.
      assertThat(
              policy
                  .evaluate(longBtc("1000", 3, "200", "80"), account("10000"), MARK)
                  .decision()
                  .leverage())
          .isEqualTo(1);
    }

    @Test
    void rejectsWithoutEquity() {
      RiskVerdict v = moderate.evaluate(longBtc("1000", 5, "104", "98"), account("0"), MARK);
      assertThat(codes(v)).containsExactly("no-equity");
      assertThat(v.reasons().get(0).message()).isEqualTo("account equity is $0.00");
    }

    @Test
    void clipsToTheMarginPerTrade() {
      RiskVerdict v = moderate.evaluate(longBtc("40000", 5, "104", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("margin-clipped");
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo("30000");
      assertThat(v.reasons().get(0).message())
          .isEqualTo(
              "notional clipped to 60 % of equity $10000.00 as margin at 5x (requested $40000.00, allowed $30000.00)");
      assertThat(v.summary()).startsWith("adjusted: notional clipped");
    }

    @Test
    void clipsToTheFreeMargin() {
      AccountState busy = account("10000", "9000", position(ETH, "2", "1000"));
      RiskVerdict v = moderate.evaluate(longBtc("8000", 5, "104", "98"), busy, MARK);
      assertThat(codes(v)).containsExactly("available-margin-clipped");
      // The free $1000 less 2 % of the equity ($200) kept for price moves and fees, at 5x.
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo("4000");
      assertThat(v.reasons().get(0).message())
          .startsWith(
              "notional clipped to the free margin $1000.00 less $200.00 kept for price moves and fees, at 5x");
    }

    @Test
    void clipsToThePerPositionMaximum() {
      RiskPolicy policy =
          policy(RiskProfile.MODERATE.limits().toBuilder().maxPositionNotional(bd("2000")).build());
      RiskVerdict v = policy.evaluate(longBtc("3000", 5, "104", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("position-notional-clipped");
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo("2000");
    }

    @Test
    void clipsToTheRoomUnderTheTotalMaximum() {
      RiskPolicy policy =
          policy(RiskProfile.MODERATE.limits().toBuilder().maxTotalNotional(bd("5000")).build());
      RiskVerdict v =
          policy.evaluate(
              longBtc("4000", 5, "104", "98"), account("10000", position(ETH, "-2", "1000")), MARK);
      assertThat(codes(v)).containsExactly("total-notional-clipped");
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo("3000");
      assertThat(v.reasons().get(0).message())
          .contains("room $3000.00 left under the total maximum $5000.00");
    }

    @Test
    void aClipBelowTheMinimumOrderRejectsWithEveryReason() {
      RiskPolicy policy =
          policy(RiskProfile.MODERATE.limits().toBuilder().maxTotalNotional(bd("2005")).build());
      RiskVerdict v =
          policy.evaluate(
              longBtc("4000", 5, "104", "98"), account("10000", position(ETH, "-2", "1000")), MARK);
      assertThat(v.outcome()).isEqualTo(RiskVerdict.Outcome.REJECTED);
      assertThat(codes(v)).containsExactly("total-notional-clipped", "below-minimum-order");
    }

    @Test
    void theMinimumOrderIsCheckedOnTheRoundedSize() {
      // The room 11.009 meets an 11.005 minimum, but the size sent is rounded down to 11.00, which
      // does not.
      RiskPolicy policy =
          policy(
              RiskProfile.MODERATE.limits().toBuilder()
                  .maxTotalNotional(bd("2011.009"))
                  .minOrderValue(bd("11.005"))
                  .build());
      RiskVerdict v =
          policy.evaluate(
              longBtc("4000", 5, "104", "98"), account("10000", position(ETH, "-2", "1000")), MARK);
      assertThat(codes(v)).containsExactly("total-notional-clipped", "below-minimum-order");
    }

    @Test
    void adjustedSizesAreRoundedDownToCents() {
      RiskVerdict v =
          moderate.evaluate(longBtc("40000", 5, "104", "98"), account("3333.333"), MARK);
      assertThat(v.decision().notionalUsd())
          .isEqualByComparingTo("9999.99"); // 3333.333 × 0.6 × 5 = 9999.999
    }

    @Test
    void debugClipsEveryOpenToTheMinimumOrder() {
      RiskVerdict v =
          policy(RiskProfile.DEBUG)
              .evaluate(longBtc("5000", 2, "104", "98"), account("10000"), MARK);
      assertThat(codes(v)).containsExactly("position-notional-clipped");
      assertThat(v.decision().notionalUsd()).isEqualByComparingTo("11");
    }
  }

  @Nested
  class DailyLossAndHalts {
    private final RiskPolicy policy = policy(RiskProfile.MODERATE); // 5 % daily loss
    private final TradeDecision open = longBtc("1000", 5, "104", "98");

    @Test
    void haltsAtTheDailyLossUntilTheNextUtcDay() {
      policy.observe(account("10000"));
      policy.observe(account("9501"));
      assertThat(policy.halted()).isEmpty();
      assertThat(policy.evaluate(open, account("9501"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);

      clock.advance(Duration.ofHours(1));
      policy.observe(account("9500"));
      assertThat(policy.halted())
          .hasValueSatisfying(
              h -> {
                assertThat(h.until()).isEqualTo(Instant.parse("2024-05-02T00:00:00Z"));
                assertThat(h.reason())
                    .isEqualTo(
                        "daily loss $500.00 reached the limit $500.00 (5 % of the day's starting equity $10000.00)");
              });
      RiskVerdict v = policy.evaluate(open, account("9600"), MARK);
      assertThat(codes(v)).containsExactly("halted");
      assertThat(v.reasons().get(0).message())
          .contains("daily loss $500.00", "until 2024-05-02T00:00:00Z");
      assertThat(
              policy
                  .evaluate(
                      TradeDecision.close(BTC, "exit"),
                      account("9500", position(BTC, "1", "100")),
                      MARK)
                  .allowed())
          .isTrue();

      clock.set(Instant.parse("2024-05-01T23:59:59Z"));
      assertThat(policy.halted()).isPresent();
      clock.set(Instant.parse("2024-05-02T00:00:00Z"));
      assertThat(policy.halted()).isEmpty();
      // The new day measures from its own starting equity.
      assertThat(policy.evaluate(open, account("9500"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      policy.observe(account("9026"));
      assertThat(policy.halted()).isEmpty();
      policy.observe(account("9025"));
      assertThat(policy.halted()).isPresent();
    }

    @Test
    void aRestoredBaselineKeepsTheDaysEarlierLossesAndAnotherDaysIsIgnored() {
      assertThat(policy.dayBaseline()).isEmpty();
      policy.observe(account("10000"));
      policy.observe(account("9700"));
      RiskPolicy.DayBaseline saved = policy.dayBaseline().orElseThrow();
      assertThat(saved.day()).isEqualTo(java.time.LocalDate.parse("2024-05-01"));
      assertThat(saved.startEquity()).isEqualByComparingTo("10000");

      // A restart the same day: the loss before it still counts towards the same limit.
      RiskPolicy restarted = policy(RiskProfile.MODERATE);
      assertThat(restarted.restoreDayBaseline(saved)).isTrue();
      restarted.observe(account("9501"));
      assertThat(restarted.halted()).isEmpty();
      restarted.observe(account("9500"));
      assertThat(restarted.halted())
          .hasValueSatisfying(h -> assertThat(h.reason()).contains("starting equity $10000.00"));

      // A restart the next day starts afresh from the equity it observes.
      clock.set(Instant.parse("2024-05-02T00:00:01Z"));
      RiskPolicy nextDay = policy(RiskProfile.MODERATE);
      assertThat(nextDay.restoreDayBaseline(saved)).isFalse();
      nextDay.observe(account("9500"));
      assertThat(nextDay.halted()).isEmpty();
      assertThat(nextDay.dayBaseline())
          .hasValue(
              new RiskPolicy.DayBaseline(java.time.LocalDate.parse("2024-05-02"), bd("9500")));

      assertThatThrownBy(() -> new RiskPolicy.DayBaseline(saved.day(), bd("-1")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("startEquity");
    }

    @Test
    void evaluateObservesTheAccountItself() {
      assertThat(policy.evaluate(open, account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      assertThat(codes(policy.evaluate(open, account("9400"), MARK))).containsExactly("halted");
    }

    @Test
    void aManualResumeMeasuresTheDayAfresh() {
      policy.observe(account("10000"));
      policy.observe(account("9400"));
      assertThat(policy.halted()).isPresent();

      policy.resume();
      assertThat(policy.halted()).isEmpty();
      policy.observe(account("9400"));
      assertThat(policy.halted()).as("the old loss does not halt again").isEmpty();
      assertThat(policy.evaluate(open, account("9400"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);
      policy.observe(account("8931")); // 9400 - 5 % = 8930
      assertThat(policy.halted()).isEmpty();
      policy.observe(account("8930"));
      assertThat(policy.halted()).isPresent();
    }

    @Test
    void aManualHaltLastsUntilResumedOrItsEnd() {
      policy.halt("operator says stop", null);
      clock.advance(Duration.ofDays(3));
      policy.observe(account("10000"));
      RiskVerdict v = policy.evaluate(open, account("10000"), MARK);
      assertThat(v.reasons().get(0).message()).isEqualTo("trading is halted: operator says stop");
      policy.resume();
      assertThat(policy.evaluate(open, account("10000"), MARK).outcome())
          .isEqualTo(RiskVerdict.Outcome.APPROVED);

      policy.halt("news at 12:00", clock.instant().plus(Duration.ofHours(2)));
      assertThat(policy.halted()).isPresent();
      clock.advance(Duration.ofHours(2));
      assertThat(policy.halted()).isEmpty();
    }

    @Test
    void anObservedProfitDoesNotHalt() {
      policy.observe(account("10000"));
      policy.observe(account("20000"));
      policy.observe(account("10000"));
      assertThat(policy.halted())
          .as("the loss counts from the day's start, not from its peak")
          .isEmpty();
    }
  }

  @Test
  void argumentsAreChecked() {
    RiskPolicy policy = policy(RiskProfile.MODERATE);
    assertThatThrownBy(() -> policy.evaluate(null, account("1"), MARK))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("decision == null");
    assertThatThrownBy(() -> policy.evaluate(TradeDecision.hold(BTC, ""), null, MARK))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("account == null");
    assertThatThrownBy(() -> policy.evaluate(TradeDecision.hold(BTC, ""), account("1"), bd("0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("markPrice must be > 0 but was 0");
    assertThatThrownBy(() -> policy.recordClose(BTC, null, BigDecimal.ONE))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("time == null");
    assertThatThrownBy(() -> policy.halt(" ", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reason must not be blank");
    assertThatThrownBy(() -> new RiskPolicy(null, clock))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("limits == null");
    assertThatThrownBy(() -> new RiskPolicy(RiskProfile.HIGH.limits(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock == null");
    assertThat(policy.limits()).isEqualTo(RiskProfile.MODERATE.limits());
  }
}
