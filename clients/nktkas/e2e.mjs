// The TypeScript SDK @nktkas/hyperliquid, unchanged, trading against a Rez simulator on 127.0.0.1 with its own
// signing (through a viem local account) and its own WebSocket transport. Every answer is also checked field by
// field against the SDK's response types, so that a shape the real exchange would not send fails here.
// Environment: REZ_SIM_URL (http://127.0.0.1:PORT), REZ_SIM_WS_URL (ws://127.0.0.1:PORT/ws), REZ_SIM_KEY (the
// funded account's private key, 0x + 64 hex), REZ_SIM_ADDRESS (its address). The simulator's clock must be
// stepped: the script moves it with POST /sim/advance. Exits 0 when every step holds; prints one line per step.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  ApiRequestError,
  ExchangeClient,
  HttpTransport,
  InfoClient,
  SubscriptionClient,
  WebSocketTransport,
} from '@nktkas/hyperliquid';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

const url = process.env.REZ_SIM_URL;
const wsUrl = process.env.REZ_SIM_WS_URL;
const privateKey = process.env.REZ_SIM_KEY;
const user = process.env.REZ_SIM_ADDRESS?.toLowerCase();
assert.ok(url && url.startsWith('http://127.0.0.1:'), 'REZ_SIM_URL must be a loopback URL');
assert.ok(wsUrl && wsUrl.startsWith('ws://127.0.0.1:'), 'REZ_SIM_WS_URL must be a loopback URL');
assert.ok(privateKey && user, 'REZ_SIM_KEY and REZ_SIM_ADDRESS are required');
assert.ok(globalThis.WebSocket, 'this Node.js has no WebSocket (Node 20 needs --experimental-websocket)');

const step = (name, detail) => console.log(`ok  ${name}${detail ? ': ' + detail : ''}`);
const http = new HttpTransport({ apiUrl: url, isTestnet: true, timeout: 20000 });
const info = new InfoClient({ transport: http });
const wallet = privateKeyToAccount(privateKey);
assert.equal(wallet.address.toLowerCase(), user, 'REZ_SIM_KEY is the key of REZ_SIM_ADDRESS');
const exchange = new ExchangeClient({ transport: http, wallet });

/** Moves the simulator's stepped clock by n candles (a simulator-only call). */
async function advance(n) {
  const res = await fetch(`${url}/sim/advance`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ candles: n }),
  });
  const body = await res.text();
  assert.equal(res.status, 200, `/sim/advance: ${res.status} ${body}`);
  return JSON.parse(body).time;
}

/** Waits until check() returns a truthy value, failing after a generous deadline. */
async function until(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const decimal = (s) => typeof s === 'string' && /^-?\d+(\.\d+)?$/.test(s);
const cloid = () => '0x' + randomBytes(16).toString('hex');
/** A price on BTC's tick (5 significant figures, at most 1 decimal for szDecimals 5): whole dollars. */
const px = (x) => String(Math.round(x));

// ---------------------------------------------------------------- the SDK's response types, as checks

// The SDK types its answers in TypeScript only (its .d.ts files); these specs say the same, field by field, so
// that a field the simulator leaves out, adds or types differently fails here. A spec is a type name ('dec' is a
// decimal string, 'hex' a 0x string), a literal list ('B|A'), an object of specs (a key ending in '?' may be
// missing), or [spec] for an array of it; '|null' allows null.
function conforms(value, spec, where = 'answer') {
  if (typeof spec === 'string') {
    const [type, nullable] = spec.endsWith('|null') ? [spec.slice(0, -5), true] : [spec, false];
    if (value === null) return assert.ok(nullable, `${where} is null`);
    const ok = {
      str: () => typeof value === 'string',
      dec: () => decimal(value),
      int: () => Number.isSafeInteger(value),
      bool: () => typeof value === 'boolean',
      hex: () => typeof value === 'string' && /^0x[0-9a-f]*$/.test(value),
      true: () => value === true,
    }[type] ?? (() => type.split('|').includes(value));
    return assert.ok(ok(), `${where} = ${JSON.stringify(value)} is not ${spec}`);
  }
  if (Array.isArray(spec)) {
    assert.ok(Array.isArray(value), `${where} is not an array: ${JSON.stringify(value)}`);
    return value.forEach((v, i) => conforms(v, spec[0], `${where}[${i}]`));
  }
  assert.ok(value && typeof value === 'object' && !Array.isArray(value), `${where} is not an object`);
  const keys = Object.keys(spec).map((k) => k.replace(/\?$/, ''));
  for (const k of Object.keys(value)) assert.ok(keys.includes(k), `${where} has a field the SDK does not know: ${k}`);
  for (const [k, s] of Object.entries(spec)) {
    const key = k.replace(/\?$/, '');
    if (k.endsWith('?') && !(key in value)) continue;
    assert.ok(key in value, `${where} lacks ${key}: ${JSON.stringify(value)}`);
    conforms(value[key], s, `${where}.${key}`);
  }
}

const Side = 'B|A';
const UserFill = {
  coin: 'str', px: 'dec', sz: 'dec', side: Side, time: 'int', startPosition: 'dec', dir: 'str', closedPnl: 'dec',
  hash: 'hex', oid: 'int', crossed: 'bool', fee: 'dec', 'builderFee?': 'dec', tid: 'int', feeToken: 'str',
  'feeTrialEscrow?': 'dec', twapId: 'int|null', 'cloid?': 'hex',
  'liquidation?': { 'liquidatedUser?': 'hex', markPx: 'dec', method: 'market|backstop' },
};
const FrontendOpenOrder = {
  coin: 'str', side: Side, limitPx: 'dec', sz: 'dec', oid: 'int', timestamp: 'int', origSz: 'dec',
  triggerCondition: 'str', isTrigger: 'bool', triggerPx: 'dec', isPositionTpsl: 'bool', reduceOnly: 'bool',
  orderType: 'Market|Limit|Stop Market|Stop Limit|Take Profit Market|Take Profit Limit',
  tif: 'Gtc|Ioc|Alo|FrontendMarket|LiquidationMarket|null', cloid: 'hex|null',
};
FrontendOpenOrder.children = [FrontendOpenOrder];
const OpenOrder = {
  coin: 'str', side: Side, limitPx: 'dec', sz: 'dec', oid: 'int', timestamp: 'int', origSz: 'dec', 'cloid?': 'hex',
  'reduceOnly?': 'true',
};
const OrderWithStatus = (order) => ({ order, status: 'str', statusTimestamp: 'int' });
const Summary = { accountValue: 'dec', totalNtlPos: 'dec', totalRawUsd: 'dec', totalMarginUsed: 'dec' };
const ClearinghouseState = {
  marginSummary: Summary, crossMarginSummary: Summary, crossMaintenanceMarginUsed: 'dec', withdrawable: 'dec',
  assetPositions: [{
    type: 'oneWay',
    position: {
      coin: 'str', szi: 'dec', leverage: { type: 'cross|isolated', value: 'int', 'rawUsd?': 'dec' }, entryPx: 'dec',
      positionValue: 'dec', unrealizedPnl: 'dec', returnOnEquity: 'dec', liquidationPx: 'dec|null', marginUsed: 'dec',
      maxLeverage: 'int', cumFunding: { allTime: 'dec', sinceOpen: 'dec', sinceChange: 'dec' },
    },
  }],
  time: 'int',
};
const Candle = { t: 'int', T: 'int', s: 'str', i: 'str', o: 'dec', c: 'dec', h: 'dec', l: 'dec', v: 'dec', n: 'int' };
const Level = { px: 'dec', sz: 'dec', n: 'int' };
const L2Book = { coin: 'str', time: 'int', levels: [[Level]], 'spread?': 'dec' };
const Meta = {
  universe: [{
    szDecimals: 'int', name: 'str', maxLeverage: 'int', marginTableId: 'int', 'onlyIsolated?': 'true',
    'isDelisted?': 'true', 'marginMode?': 'strictIsolated|noCross', 'growthMode?': 'enabled',
    'lastGrowthModeChangeTime?': 'str',
  }],
  collateralToken: 'int',
}; // and marginTables, a list of [id, table] pairs
const AssetCtx = {
  prevDayPx: 'dec', dayNtlVlm: 'dec', markPx: 'dec', midPx: 'dec|null', funding: 'dec', openInterest: 'dec',
  premium: 'dec|null', oraclePx: 'dec', dayBaseVlm: 'dec',
}; // and impactPxs, a [bid, ask] pair or null
const Trade = { coin: 'str', side: Side, px: 'dec', sz: 'dec', time: 'int', hash: 'hex', tid: 'int', users: ['hex'] };
const Default = { status: 'ok', response: { type: 'default' } };
const Funding = {
  time: 'int', hash: 'hex',
  delta: { type: 'funding', coin: 'str', usdc: 'dec', szi: 'dec', fundingRate: 'dec', nSamples: 'int|null' },
};

/** Checks a metaAndAssetCtxs answer, whose margin tables and impact prices are tuples. */
function conformsMeta([meta, ctxs]) {
  const { marginTables, ...rest } = meta;
  conforms(rest, Meta, 'meta');
  for (const [i, [id, table]] of marginTables.entries()) {
    conforms(id, 'int', `meta.marginTables[${i}][0]`);
    conforms(table, { description: 'str', marginTiers: [{ lowerBound: 'dec', maxLeverage: 'int' }] }, `meta.marginTables[${i}][1]`);
  }
  for (const [i, ctx] of ctxs.entries()) {
    const { impactPxs, ...others } = ctx;
    conforms(others, AssetCtx, `assetCtxs[${i}]`);
    if (impactPxs !== null) {
      conforms(impactPxs, ['dec'], `assetCtxs[${i}].impactPxs`);
      assert.equal(impactPxs.length, 2);
    }
  }
}

// ---------------------------------------------------------------- metadata and market data

const [meta, ctxs] = await info.metaAndAssetCtxs();
conformsMeta([meta, ctxs]);
conformsMeta([await info.meta(), []]);
const btc = meta.universe.findIndex((u) => u.name === 'BTC');
assert.equal(btc, 0, 'BTC is asset 0');
assert.equal(meta.universe[btc].szDecimals, 5);
assert.equal(meta.universe[btc].maxLeverage, 40);
assert.equal(ctxs.length, meta.universe.length);
assert.ok(decimal(ctxs[btc].markPx) && decimal(ctxs[btc].oraclePx) && decimal(ctxs[btc].funding));
assert.deepEqual((await info.meta()).universe.map((u) => u.name), meta.universe.map((u) => u.name));
step('meta and metaAndAssetCtxs', meta.universe.map((u) => `${u.name} szDecimals ${u.szDecimals}`).join(', '));

const mids = await info.allMids();
const mid = Number(mids.BTC);
assert.ok(mid > 0 && Number(mids.ETH) > 0, `mids ${JSON.stringify(mids)}`);
assert.equal(Number(ctxs[btc].markPx), mid, 'the mark is the mid');
step('allMids', `BTC ${mids.BTC}, ETH ${mids.ETH}`);

const book = await info.l2Book({ coin: 'BTC' });
conforms(book, L2Book, 'l2Book');
const [bids, asks] = book.levels;
assert.equal(book.coin, 'BTC');
assert.ok(bids.length > 0 && asks.length > 0);
assert.ok(Number(bids[0].px) < mid && mid < Number(asks[0].px), 'the mid lies inside the spread');
for (let i = 1; i < bids.length; i++) assert.ok(Number(bids[i].px) < Number(bids[i - 1].px), 'bids fall');
for (let i = 1; i < asks.length; i++) assert.ok(Number(asks[i].px) > Number(asks[i - 1].px), 'asks rise');
assert.ok(bids.every((l) => decimal(l.sz) && Number(l.sz) > 0 && Number.isInteger(l.n) && l.n > 0));
step('l2Book', `${bids.length} bids from ${bids[0].px}, ${asks.length} asks from ${asks[0].px}`);

const status = await info.exchangeStatus();
conforms(status, { time: 'int', specialStatuses: 'str|null' }, 'exchangeStatus');
const { time: start } = status;
assert.ok(Number.isInteger(start) && start > 0, 'exchangeStatus has the simulated time');
const candles = await info.candleSnapshot({ coin: 'BTC', interval: '1m', startTime: start - 30 * 60_000 });
assert.ok(candles.length >= 30, `candles: ${candles.length}`);
conforms(candles, [Candle], 'candleSnapshot');
for (const c of candles) {
  assert.equal(c.s, 'BTC');
  assert.equal(c.i, '1m');
  assert.equal(c.T - c.t, 60_000 - 1, 'a 1m candle closes one ms before the next opens');
  assert.ok(Number(c.h) >= Math.max(Number(c.o), Number(c.c)) && Number(c.l) <= Math.min(Number(c.o), Number(c.c)));
}
for (let i = 1; i < candles.length; i++) assert.equal(candles[i].t - candles[i - 1].t, 60_000);
step('candleSnapshot', `${candles.length} of 1m up to ${new Date(candles.at(-1).t).toISOString()}`);

const state0 = await info.clearinghouseState({ user });
conforms(state0, ClearinghouseState, 'clearinghouseState');
assert.equal(Number(state0.marginSummary.accountValue), 10000);
assert.equal(Number(state0.withdrawable), 10000);
assert.deepEqual(state0.assetPositions, []);
step('clearinghouseState', `account value ${state0.marginSummary.accountValue}`);

// What clients ask before trading, in the SDK's shapes.
const Rate = { bpsOfMaxSupply: 'dec', discount: 'dec' };
const Tier = { ntlCutoff: 'dec', cross: 'dec', add: 'dec', spotCross: 'dec', spotAdd: 'dec' };
conforms(await info.userFees({ user }), {
  dailyUserVlm: [{ date: 'str', userCross: 'dec', userAdd: 'dec', exchange: 'dec' }],
  feeSchedule: {
    cross: 'dec', add: 'dec', spotCross: 'dec', spotAdd: 'dec',
    tiers: { vip: [Tier], mm: [{ makerFractionCutoff: 'dec', add: 'dec' }] },
    referralDiscount: 'dec', stakingDiscountTiers: [Rate],
  },
  userCrossRate: 'dec', userAddRate: 'dec', userSpotCrossRate: 'dec', userSpotAddRate: 'dec',
  activeReferralDiscount: 'dec', trial: 'null|null', feeTrialEscrow: 'dec', nextTrialAvailableTimestamp: 'int|null',
  stakingLink: 'null|null', activeStakingDiscount: Rate,
}, 'userFees');
conforms(await info.userRateLimit({ user }),
  { cumVlm: 'dec', nRequestsUsed: 'int', nRequestsCap: 'int', nRequestsSurplus: 'int' }, 'userRateLimit');
const history0 = await info.fundingHistory({ coin: 'BTC', startTime: start - 3 * 3_600_000 });
assert.ok(history0.length >= 1, 'funding at the past hours');
conforms(history0, [{ coin: 'str', fundingRate: 'dec', premium: 'dec', time: 'int' }], 'fundingHistory');
assert.equal(await info.userAbstraction({ user }), 'default');
assert.equal(await info.maxBuilderFee({ user, builder: '0x' + '12'.repeat(20) }), 0);
assert.deepEqual(await info.userRole({ user }), { role: 'user' });
step('account queries', 'userFees, userRateLimit, fundingHistory, userAbstraction, maxBuilderFee, userRole');

// ---------------------------------------------------------------- WebSocket subscriptions

const ws = new WebSocketTransport({ url: wsUrl, isTestnet: true, timeout: 20000, reconnect: { maxRetries: 3 } });
await ws.ready();
const subs = new SubscriptionClient({ transport: ws });
const seen = { mids: [], books: [], candles: [], trades: [], fills: [], orders: [], events: [] };
const subscriptions = await Promise.all([
  subs.allMids((e) => seen.mids.push(e)),
  subs.l2Book({ coin: 'BTC' }, (e) => seen.books.push(e)),
  subs.candle({ coin: 'BTC', interval: '1m' }, (e) => seen.candles.push(e)),
  subs.trades({ coin: 'BTC' }, (e) => seen.trades.push(...e)),
  subs.userFills({ user }, (e) => seen.fills.push(e)),
  subs.orderUpdates({ user }, (e) => seen.orders.push(...e)),
  subs.userEvents({ user }, (e) => seen.events.push(e)),
]);
await until('the first allMids, l2Book, candle and userFills messages', () =>
  seen.mids.length && seen.books.length && seen.candles.length && seen.fills.length);
assert.ok(Number(seen.mids[0].mids.BTC) > 0);
conforms(seen.mids[0], { mids: { BTC: 'dec', ETH: 'dec' }, 'dex?': 'str' }, 'allMids event');
conforms(seen.books[0], L2Book, 'l2Book event');
conforms(seen.candles[0], Candle, 'candle event');
assert.equal(seen.books[0].coin, 'BTC');
assert.ok(Number(seen.books[0].levels[0][0].px) < Number(seen.books[0].levels[1][0].px), 'the streamed book is not crossed');
assert.equal(seen.candles[0].s, 'BTC');
assert.equal(seen.candles[0].i, '1m');
assert.equal(seen.fills[0].isSnapshot, true, 'userFills starts with its snapshot');
assert.equal(seen.fills[0].user, user);
assert.deepEqual(seen.fills[0].fills, []);
step('subscriptions', 'allMids, l2Book, candle, trades, userFills (empty snapshot), orderUpdates, userEvents');

// ---------------------------------------------------------------- trading

const leverage = await exchange.updateLeverage({ asset: btc, isCross: true, leverage: 10 });
assert.deepEqual(leverage, Default);
step('updateLeverage', 'BTC cross 10x');

// An entry that crosses the spread, with a cloid, and its take-profit and stop-loss grouped (normalTpsl).
const size = '0.01';
const entryCloid = cloid();
const tp = px(mid * 1.2);
const sl = px(mid * 0.8);
const placed = await exchange.order({
  orders: [
    { a: btc, b: true, p: px(mid * 1.01), s: size, r: false, t: { limit: { tif: 'Gtc' } }, c: entryCloid },
    { a: btc, b: false, p: tp, s: size, r: true, t: { trigger: { isMarket: true, triggerPx: tp, tpsl: 'tp' } } },
    { a: btc, b: false, p: sl, s: size, r: true, t: { trigger: { isMarket: true, triggerPx: sl, tpsl: 'sl' } } },
  ],
  grouping: 'normalTpsl',
});
const [entry, ...children] = placed.response.data.statuses;
assert.ok(entry.filled, `the entry filled: ${JSON.stringify(entry)}`);
assert.equal(entry.filled.totalSz, size);
assert.equal(entry.filled.cloid, entryCloid);
assert.ok(Number(entry.filled.avgPx) > mid && Number(entry.filled.avgPx) <= mid * 1.01, 'bought at the ask');
assert.equal(children.length, 2);
assert.ok(children.every((s) => s === 'waitingForTrigger' || s === 'waitingForFill'), JSON.stringify(children));
const entryOid = entry.filled.oid;
step('order with cloid and normalTpsl', `entry ${entryOid} filled ${entry.filled.totalSz} @ ${entry.filled.avgPx}`);

for (const [by, key] of [['oid', entryOid], ['cloid', entryCloid]]) {
  const s = await info.orderStatus({ user, oid: key });
  conforms(s, { status: 'order', order: OrderWithStatus(FrontendOpenOrder) }, `orderStatus by ${by}`);
  assert.equal(s.status, 'order', `orderStatus by ${by}`);
  assert.equal(s.order.status, 'filled');
  assert.equal(s.order.order.oid, entryOid);
  assert.equal(s.order.order.cloid, entryCloid);
  assert.equal(s.order.order.side, 'B');
  assert.equal(s.order.order.origSz, size);
  assert.ok(Number.isInteger(s.order.statusTimestamp));
}
assert.deepEqual(await info.orderStatus({ user, oid: 987654321 }), { status: 'unknownOid' });
step('orderStatus', 'by oid, by cloid, unknown oid');

const frontend = await info.frontendOpenOrders({ user });
conforms(frontend, [FrontendOpenOrder], 'frontendOpenOrders');
const triggers = frontend.filter((o) => o.isTrigger);
assert.equal(triggers.length, 2, JSON.stringify(frontend));
const byKind = Object.fromEntries(triggers.map((o) => [o.orderType, o]));
// Prices come back in the exchange's form, with at least one decimal ("71488.0").
assert.equal(Number(byKind['Take Profit Market'].triggerPx), Number(tp));
assert.equal(Number(byKind['Stop Market'].triggerPx), Number(sl));
for (const o of triggers) {
  assert.equal(o.coin, 'BTC');
  assert.equal(o.side, 'A');
  assert.equal(o.reduceOnly, true);
  assert.equal(o.sz, size);
  assert.equal(o.isPositionTpsl, false);
  assert.deepEqual(o.children, []);
  assert.equal(o.cloid, null);
  assert.ok(typeof o.triggerCondition === 'string' && o.triggerCondition.length > 0);
}
step('frontendOpenOrders', triggers.map((o) => `${o.orderType} @ ${o.triggerPx} (${o.triggerCondition})`).join(', '));

const state1 = await info.clearinghouseState({ user });
conforms(state1, ClearinghouseState, 'clearinghouseState');
assert.equal(state1.assetPositions.length, 1);
const position = state1.assetPositions[0].position;
assert.equal(position.coin, 'BTC');
assert.equal(position.szi, size);
assert.deepEqual(position.leverage, { type: 'cross', value: 10 });
assert.equal(position.maxLeverage, 40);
assert.ok(Number(position.marginUsed) > 0 && Number(position.marginUsed) < Number(position.positionValue));
step('position', `${position.szi} BTC at ${position.entryPx}, ${position.leverage.value}x`);

// What the web frontend reads: webData2 in one answer, portfolio, and the webData3 and clearinghouseState
// subscriptions; then USDC to the spot balance and back.
const web = await info.webData2({ user });
const { meta: webMeta, assetCtxs: webCtxs, clearinghouseState: webState, openOrders: webOrders, ...webRest } = web;
conformsMeta([webMeta, webCtxs]);
conforms(webState, ClearinghouseState, 'webData2.clearinghouseState');
conforms(webOrders, [FrontendOpenOrder], 'webData2.openOrders');
// No vaults, TWAPs or spot assets here: those lists are empty, as for an account without any.
const { leadingVaults, twapStates, spotAssetCtxs, ...webOwn } = webRest;
assert.deepEqual([leadingVaults, twapStates, spotAssetCtxs], [[], [], []]);
conforms(webOwn, {
  totalVaultEquity: 'dec', agentAddress: 'hex|null', agentValidUntil: 'int|null', cumLedger: 'dec', serverTime: 'int',
  isVault: 'bool', user: 'hex',
  'spotState?': { balances: [{ coin: 'str', token: 'int', total: 'dec', hold: 'dec', entryNtl: 'dec' }] },
  'optOutOfSpotDusting?': 'true', 'perpsAtOpenInterestCap?': ['str'],
}, 'webData2');
assert.deepEqual(webState, state1, 'webData2 carries the clearinghouseState answer');
assert.deepEqual(webOrders, await info.frontendOpenOrders({ user }));
assert.equal(web.user, user);
const portfolio = await info.portfolio({ user });
assert.deepEqual(portfolio.map(([period]) => period),
  ['day', 'week', 'month', 'allTime', 'perpDay', 'perpWeek', 'perpMonth', 'perpAllTime']);
for (const [period, data] of portfolio) {
  // Histories are [time, value] pairs, which a spec here cannot say.
  assert.deepEqual(Object.keys(data).sort(), ['accountValueHistory', 'pnlHistory', 'vlm']);
  conforms(data.vlm, 'dec', `portfolio ${period}.vlm`);
  for (const [t, v, ...more] of [...data.accountValueHistory, ...data.pnlHistory]) {
    assert.equal(more.length, 0);
    conforms(t, 'int', `portfolio ${period} time`);
    conforms(v, 'dec', `portfolio ${period} value`);
  }
  assert.equal(data.accountValueHistory.at(-1)[1], state1.marginSummary.accountValue, `${period} ends at the account value`);
}
const frontendSeen = { web3: [], states: [] };
const frontendSubs = await Promise.all([
  subs.webData3({ user }, (e) => frontendSeen.web3.push(e)),
  subs.clearinghouseState({ user }, (e) => frontendSeen.states.push(e)),
]);
await until('the first webData3 and clearinghouseState events', () => frontendSeen.web3.length && frontendSeen.states.length);
conforms(frontendSeen.web3[0], {
  userState: { agentAddress: 'hex|null', agentValidUntil: 'int|null', cumLedger: 'dec', serverTime: 'int', isVault: 'bool',
    user: 'hex', 'optOutOfSpotDusting?': 'true', 'dexAbstractionEnabled?': 'bool', 'abstraction?': 'str' },
  perpDexStates: [{ totalVaultEquity: 'dec', 'perpsAtOpenInterestCap?': ['str'], 'leadingVaults?': [{ address: 'hex', name: 'str' }] }],
}, 'webData3 event');
conforms(frontendSeen.states[0], { dex: 'str', user: 'hex', clearinghouseState: ClearinghouseState }, 'clearinghouseState event');
assert.deepEqual(frontendSeen.states[0].clearinghouseState, state1);
for (const s of frontendSubs) await s.unsubscribe();
assert.deepEqual(await exchange.usdClassTransfer({ amount: '25', toPerp: false }), Default);
assert.deepEqual(await info.spotClearinghouseState({ user }),
  { balances: [{ coin: 'USDC', token: 0, total: '25.0', hold: '0.0', entryNtl: '0.0' }] });
assert.deepEqual(await exchange.usdClassTransfer({ amount: '25', toPerp: true }), Default);
assert.deepEqual(await info.spotClearinghouseState({ user }), { balances: [] });
step('web frontend data', 'webData2, portfolio, webData3 and clearinghouseState streams, usdClassTransfer both ways');

// Resting orders: a modify, a batchModify, a cancel by oid, a cancel by cloid.
const low = [0.9, 0.91, 0.92].map((f) => px(mid * f));
const restCloids = [cloid(), cloid()];
const rest = await exchange.order({
  orders: [
    { a: btc, b: true, p: low[0], s: size, r: false, t: { limit: { tif: 'Gtc' } }, c: restCloids[0] },
    { a: btc, b: true, p: low[0], s: size, r: false, t: { limit: { tif: 'Alo' } }, c: restCloids[1] },
  ],
  grouping: 'na',
});
const restOids = rest.response.data.statuses.map((s) => {
  assert.ok(s.resting, JSON.stringify(s));
  return s.resting.oid;
});
assert.deepEqual(rest.response.data.statuses.map((s) => s.resting.cloid), restCloids);
const open1 = await info.openOrders({ user });
conforms(open1, [OpenOrder], 'openOrders');
for (const [i, oid] of restOids.entries()) {
  const o = open1.find((x) => x.oid === oid);
  assert.ok(o, `order ${oid} is open`);
  assert.equal(Number(o.limitPx), Number(low[0]));
  assert.equal(o.sz, size);
  assert.equal(o.side, 'B');
  assert.equal(o.cloid, restCloids[i]);
}
step('resting orders', restOids.join(', '));

const modified = await exchange.modify({
  oid: restOids[0],
  order: { a: btc, b: true, p: low[1], s: '0.02', r: false, t: { limit: { tif: 'Gtc' } }, c: restCloids[0] },
});
assert.deepEqual(modified, { status: 'ok', response: { type: 'default' } });
const afterModify = (await info.openOrders({ user })).find((o) => o.cloid === restCloids[0]);
assert.ok(afterModify, 'the modified order is open under its cloid');
assert.equal(Number(afterModify.limitPx), Number(low[1]));
assert.equal(afterModify.sz, '0.02');
step('modify', `${restOids[0]} -> ${afterModify.oid} @ ${afterModify.limitPx} x ${afterModify.sz}`);

const batch = await exchange.batchModify({
  modifies: [
    { oid: restCloids[0], order: { a: btc, b: true, p: low[2], s: size, r: false, t: { limit: { tif: 'Gtc' } }, c: restCloids[0] } },
    { oid: restOids[1], order: { a: btc, b: true, p: low[2], s: size, r: false, t: { limit: { tif: 'Alo' } }, c: restCloids[1] } },
  ],
});
const batchStatuses = batch.response.data.statuses;
assert.equal(batchStatuses.length, 2);
assert.ok(batchStatuses.every((s) => s.resting), JSON.stringify(batchStatuses));
assert.deepEqual(batchStatuses.map((s) => s.resting.cloid), restCloids);
const afterBatch = await info.openOrders({ user });
for (const c of restCloids) assert.equal(Number(afterBatch.find((o) => o.cloid === c)?.limitPx), Number(low[2]));
const liveOids = batchStatuses.map((s) => s.resting.oid);
step('batchModify', liveOids.join(', '));

const canceled = await exchange.cancel({ cancels: [{ a: btc, o: liveOids[0] }] });
assert.deepEqual(canceled.response.data.statuses, ['success']);
const canceledByCloid = await exchange.cancelByCloid({ cancels: [{ asset: btc, cloid: restCloids[1] }] });
assert.deepEqual(canceledByCloid.response.data.statuses, ['success']);
const open2 = await info.openOrders({ user });
assert.ok(!open2.some((o) => liveOids.includes(o.oid)), 'both are gone');
assert.equal((await info.orderStatus({ user, oid: restCloids[1] })).order.status, 'canceled');
step('cancel and cancelByCloid', liveOids.join(', '));

// ---------------------------------------------------------------- an agent wallet

const agentKey = generatePrivateKey();
const agent = privateKeyToAccount(agentKey);
const approved = await exchange.approveAgent({ agentAddress: agent.address, agentName: 'e2e' });
assert.deepEqual(approved, Default);
assert.deepEqual(await info.userRole({ user: agent.address }), { role: 'agent', data: { user } });
const agents = await info.extraAgents({ user });
conforms(agents, [{ address: 'hex', name: 'str', validUntil: 'int|null' }], 'extraAgents');
assert.ok(agents.some((a) => a.address === agent.address.toLowerCase() && a.name === 'e2e'), JSON.stringify(agents));
const byAgent = new ExchangeClient({ transport: http, wallet: agent });
const agentCloid = cloid();
const agentOrder = await byAgent.order({
  orders: [{ a: btc, b: true, p: low[1], s: size, r: false, t: { limit: { tif: 'Gtc' } }, c: agentCloid }],
  grouping: 'na',
});
const agentOid = agentOrder.response.data.statuses[0].resting?.oid;
assert.ok(agentOid, JSON.stringify(agentOrder.response.data.statuses));
const agentStatus = await info.orderStatus({ user, oid: agentCloid });
assert.equal(agentStatus.order.status, 'open', 'the agent order belongs to the master');
assert.equal(agentStatus.order.order.oid, agentOid);
assert.equal((await info.orderStatus({ user: agent.address, oid: agentOid })).status, 'unknownOid');
step('approveAgent and an order signed by the agent', `${agent.address} placed ${agentOid} for ${user}`);

// ---------------------------------------------------------------- transfers

const friend = privateKeyToAccount(generatePrivateKey()).address.toLowerCase();
const sent = await exchange.usdSend({ destination: friend, amount: '12.5' });
assert.deepEqual(sent, Default);
const friendState = await info.clearinghouseState({ user: friend });
assert.equal(Number(friendState.marginSummary.accountValue), 12.5);
assert.equal(Number(friendState.withdrawable), 12.5);
step('usdSend', `12.5 USDC to ${friend}`);

// ---------------------------------------------------------------- refusals

// A per-order error comes back inside an ok answer; the SDK turns it into an ApiRequestError with the text.
await assert.rejects(
  () => exchange.order({
    orders: [{ a: btc, b: true, p: low[0], s: '0.0001', r: false, t: { limit: { tif: 'Gtc' } } }],
    grouping: 'na',
  }),
  (e) => e instanceof ApiRequestError && /Order must have minimum value of \$10/.test(e.message),
);
await assert.rejects(
  () => exchange.modify({
    oid: 987654321,
    order: { a: btc, b: true, p: low[0], s: size, r: false, t: { limit: { tif: 'Gtc' } } },
  }),
  (e) => e instanceof ApiRequestError && e.message === 'Cannot modify canceled or filled order',
);
await assert.rejects(
  () => new ExchangeClient({ transport: http, wallet: privateKeyToAccount(generatePrivateKey()) })
    .cancel({ cancels: [{ a: btc, o: agentOid }] }),
  (e) => e instanceof ApiRequestError && /User or API Wallet 0x[0-9a-f]{40} does not exist/.test(e.message),
);
step('refusals', 'an order under $10, a modify of an unknown order, a stranger\'s cancel');

// ---------------------------------------------------------------- requests over the WebSocket (post)

const wsInfo = new InfoClient({ transport: ws });
const wsMids = await wsInfo.allMids();
assert.deepEqual(Object.keys(wsMids).sort(), ['BTC', 'ETH']);
assert.ok(Number(wsMids.BTC) > 0);
const wsExchange = new ExchangeClient({ transport: ws, wallet });
const wsCloid = cloid();
const wsOrder = await wsExchange.order({
  orders: [{ a: btc, b: true, p: low[2], s: size, r: false, t: { limit: { tif: 'Gtc' } }, c: wsCloid }],
  grouping: 'na',
});
const wsOid = wsOrder.response.data.statuses[0].resting?.oid;
assert.ok(wsOid, JSON.stringify(wsOrder));
assert.equal((await wsInfo.orderStatus({ user, oid: wsCloid })).order.status, 'open');
const wsCancel = await wsExchange.cancelByCloid({ cancels: [{ asset: btc, cloid: wsCloid }] });
assert.deepEqual(wsCancel.response.data.statuses, ['success']);
assert.equal((await info.orderStatus({ user, oid: wsOid })).order.status, 'canceled');
step('info and actions posted over the WebSocket', `order ${wsOid} placed and cancelled`);

// ---------------------------------------------------------------- what the stream saw

const UserFillsEvent = { user: 'hex', fills: [UserFill], 'isSnapshot?': 'true' };
const fillSeen = await until('the entry fill on userFills', () =>
  seen.fills.flatMap((e) => e.fills).find((f) => f.oid === entryOid));
seen.fills.forEach((e, i) => conforms(e, UserFillsEvent, `userFills event ${i}`));
assert.equal(fillSeen.coin, 'BTC');
assert.equal(fillSeen.side, 'B');
assert.equal(fillSeen.sz, size);
assert.equal(fillSeen.cloid, entryCloid);
assert.equal(fillSeen.dir, 'Open Long');
assert.equal(fillSeen.crossed, true);
assert.equal(fillSeen.feeToken, 'USDC');
assert.ok(Number(fillSeen.fee) > 0);
step('userFills stream', `fill ${fillSeen.tid} of ${fillSeen.oid}: ${fillSeen.side} ${fillSeen.sz} @ ${fillSeen.px}`);

const event = await until('the entry fill on userEvents', () =>
  seen.events.find((e) => e.fills?.some((f) => f.tid === fillSeen.tid)));
seen.events.forEach((e, i) => conforms(e, { fills: [UserFill] }, `userEvents event ${i}`));
assert.deepEqual(event.fills.find((f) => f.tid === fillSeen.tid), fillSeen);
step('userEvents stream', `fills of ${event.fills.map((f) => f.oid).join(', ')}`);

const trade = await until('the entry on trades', () => seen.trades.find((t) => t.tid === fillSeen.tid));
conforms(seen.trades, [Trade], 'trades events');
assert.equal(trade.coin, 'BTC');
assert.equal(trade.side, 'B');
assert.equal(trade.px, fillSeen.px);
assert.equal(trade.sz, fillSeen.sz);
assert.equal(trade.hash, fillSeen.hash);
assert.equal(trade.users.length, 2);
assert.equal(trade.users[0], user, 'the buyer comes first');
step('trades stream', `${trade.side} ${trade.sz} @ ${trade.px}`);

const updates = await until('the resting orders and their end on orderUpdates', () => {
  const statuses = (oid) => seen.orders.filter((u) => u.order.oid === oid).map((u) => u.status);
  const agentSeen = statuses(agentOid);
  const canceledSeen = liveOids.every((oid) => statuses(oid).includes('canceled'));
  return agentSeen.includes('open') && canceledSeen && statuses(entryOid).includes('filled') && { agentSeen };
});
conforms(seen.orders, [OrderWithStatus(OpenOrder)], 'orderUpdates events');
const agentUpdate = seen.orders.find((u) => u.order.oid === agentOid && u.status === 'open');
assert.equal(agentUpdate.order.coin, 'BTC');
assert.equal(agentUpdate.order.side, 'B');
assert.equal(Number(agentUpdate.order.limitPx), Number(low[1]));
assert.equal(agentUpdate.order.sz, size);
assert.equal(agentUpdate.order.cloid, agentCloid);
assert.ok(Number.isInteger(agentUpdate.statusTimestamp));
step('orderUpdates stream', `${seen.orders.length} updates, agent order ${updates.agentSeen.join(' -> ')}`);

// ---------------------------------------------------------------- history

const fills = await info.userFills({ user });
conforms(fills, [UserFill], 'userFills');
const fill = fills.find((f) => f.oid === entryOid);
assert.ok(fill, 'userFills has the entry');
assert.deepEqual(fill, fillSeen, 'REST and WebSocket report the same fill');
const byTime = await info.userFillsByTime({ user, startTime: start - 60_000 });
conforms(byTime, [UserFill], 'userFillsByTime');
assert.ok(byTime.some((f) => f.tid === fill.tid));
assert.deepEqual(await info.userFillsByTime({ user, startTime: start + 3_600_000 }), []);
step('userFills and userFillsByTime', `${fills.length} fill(s)`);

const history = await info.historicalOrders({ user });
conforms(history, [OrderWithStatus(FrontendOpenOrder)], 'historicalOrders');
const statusOf = (oid) => history.find((h) => h.order.oid === oid)?.status;
assert.equal(statusOf(entryOid), 'filled');
assert.equal(statusOf(liveOids[0]), 'canceled');
assert.equal(statusOf(restOids[0]), 'canceled', 'a modified order leaves a canceled one behind');
assert.ok(history.every((h) => Array.isArray(h.order.children) && typeof h.order.isTrigger === 'boolean'));
step('historicalOrders', `${history.length} orders`);

// An hour of simulated time: the long pays funding at the hour.
await advance(61);
const funding = await info.userFunding({ user, startTime: start });
assert.ok(funding.length >= 1, 'a funding payment');
conforms(funding, [Funding], 'userFunding');
const payment = funding[0];
assert.equal(payment.delta.type, 'funding');
assert.equal(payment.delta.coin, 'BTC');
assert.equal(payment.delta.szi, size);
assert.ok(Number(payment.delta.usdc) < 0, 'the long paid');
assert.ok(Number(payment.delta.fundingRate) > 0);
assert.ok(/^0x[0-9a-f]{64}$/.test(payment.hash));
step('userFunding', `${payment.delta.usdc} USDC at rate ${payment.delta.fundingRate}`);

// A dead man's switch: every open order is cancelled at the scheduled time.
const { time: now } = await info.exchangeStatus();
const scheduled = await exchange.scheduleCancel({ time: now + 30_000 });
assert.deepEqual(scheduled, Default);
assert.ok((await info.openOrders({ user })).length >= 3, 'the agent order and both triggers still rest');
await advance(1);
assert.deepEqual(await info.openOrders({ user }), []);
assert.equal((await info.orderStatus({ user, oid: agentOid })).order.status, 'scheduledCancel');
step('scheduleCancel', `at ${new Date(now + 30_000).toISOString()}`);

for (const s of subscriptions) await s.unsubscribe();
await ws.close();
console.log('nktkas end-to-end: all steps passed');
