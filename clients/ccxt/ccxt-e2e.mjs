// ccxt's hyperliquid class, unchanged, trading against a Rez simulator on 127.0.0.1.
// Environment: REZ_SIM_URL (http://127.0.0.1:PORT), REZ_SIM_KEY (the funded account's private key, 0x + 64 hex),
// REZ_SIM_ADDRESS (its address). Exits 0 when every step holds; prints one line per step.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import ccxt from 'ccxt';

const url = process.env.REZ_SIM_URL;
const privateKey = process.env.REZ_SIM_KEY;
const walletAddress = process.env.REZ_SIM_ADDRESS;
assert.ok(url && url.startsWith('http://127.0.0.1:'), 'REZ_SIM_URL must be a loopback URL');
assert.ok(privateKey && walletAddress, 'REZ_SIM_KEY and REZ_SIM_ADDRESS are required');

/** A ccxt client whose REST calls all go to the simulator. */
function client(key, address) {
  const ex = new ccxt.hyperliquid({ walletAddress: address, privateKey: key, enableRateLimit: false, timeout: 20000 });
  ex.urls.api = { public: url, private: url };
  ex.options.fetchMarkets = { types: ['swap', 'spot', 'hip3'], hip3: { limit: 10, dexes: [] } };
  return ex;
}

const step = (name, detail) => console.log(`ok  ${name}${detail ? ': ' + detail : ''}`);
const ex = client(privateKey, walletAddress);
const symbol = 'BTC/USDC:USDC';

const markets = await ex.loadMarkets();
assert.ok(markets[symbol], `the markets hold ${symbol}`);
assert.equal(String(markets[symbol].baseId), '0');
step('metadata', Object.keys(markets).join(', '));

const mids = await ex.publicPostInfo({ type: 'allMids' });
const mid = Number(mids.BTC);
assert.ok(mid > 0, 'BTC has a mid');
step('mids', `BTC ${mid}`);

const candles = await ex.fetchOHLCV(symbol, '1m', undefined, 20);
assert.ok(candles.length >= 5, `candles: ${candles.length}`);
for (const [t, o, h, l, c] of candles) assert.ok(h >= Math.max(o, c) && l <= Math.min(o, c) && t > 0);
step('candles', `${candles.length} of 1m`);

const balance = await ex.fetchBalance();
assert.equal(balance.USDC.total, 10000);
step('account', `USDC ${balance.USDC.total}`);

// An entry that crosses the spread, with its take-profit and stop-loss in the same signed request (normalTpsl).
const amount = 0.01;
const entryPx = Math.round(mid * 1.01);
const tp = Math.round(mid * 1.2);
const sl = Math.round(mid * 0.8);
const placed = await ex.createOrder(symbol, 'limit', 'buy', amount, entryPx, {
  timeInForce: 'GTC',
  takeProfit: { triggerPrice: tp, type: 'market' },
  stopLoss: { triggerPrice: sl, type: 'market' },
});
assert.ok(placed.id, 'the entry has an id');
step('order with TP and SL', `entry ${placed.id} ${placed.status ?? ''}`);

const open = await ex.fetchOpenOrders(symbol);
const triggers = open.filter((o) => o.triggerPrice !== undefined && o.triggerPrice !== null && Number(o.triggerPrice) > 0);
assert.equal(triggers.length, 2, `two resting triggers, saw ${JSON.stringify(open.map((o) => [o.type, o.triggerPrice, o.reduceOnly]))}`);
assert.deepEqual(triggers.map((o) => Number(o.triggerPrice)).sort((a, b) => a - b), [sl, tp]);
assert.ok(triggers.every((o) => o.reduceOnly === true && o.side === 'sell'));
step('resting triggers', triggers.map((o) => `${o.side} @ ${o.triggerPrice}`).join(', '));

const resting = await ex.createOrder(symbol, 'limit', 'buy', amount, Math.round(mid * 0.9), { timeInForce: 'GTC' });
const canceled = await ex.cancelOrder(resting.id, symbol);
assert.ok(canceled, 'cancel answered');
const after = await ex.fetchOpenOrders(symbol);
assert.ok(!after.some((o) => o.id === resting.id), 'the cancelled order is gone');
step('cancel', resting.id);

const trades = await ex.fetchMyTrades(symbol, 0);
assert.ok(trades.length >= 1, 'the entry filled');
assert.equal(trades[0].side, 'buy');
assert.equal(Number(trades[0].amount.toFixed(5)), amount);
step('fills', trades.map((t) => `${t.side} ${t.amount} @ ${t.price}`).join(', '));

const positions = await ex.fetchPositions([symbol]);
assert.equal(positions.length, 1);
assert.equal(positions[0].side, 'long');
step('position', `${positions[0].side} ${positions[0].contracts}`);

// A stranger's key: its signature recovers an address the exchange does not know.
const strangerKey = '0x' + randomBytes(32).toString('hex');
const stranger = client(strangerKey, walletAddress);
await stranger.loadMarkets();
await assert.rejects(() => stranger.createOrder(symbol, 'limit', 'buy', amount, entryPx, { timeInForce: 'GTC' }), (e) => {
  assert.match(String(e.message), /User or API Wallet 0x[0-9a-f]{40} does not exist/);
  return true;
});
step('stranger refused');
console.log('ccxt end-to-end: all steps passed');
