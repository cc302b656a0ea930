#!/usr/bin/env python3
"""Writes the edge-case bar files of rez-indicators' tests (deterministic): flat stretches (an
illiquid market: every OHLC equal, volume 0), one-trade bars (high == low), single huge gaps, tiny
and huge price scales, monotone runs, prices through zero. Usage: edge_series.py OUT_DIR"""
import math
import os
import random
import sys

T0 = 1_700_000_000_000 - 1_700_000_000_000 % 60_000  # bar open times: one minute apart, UTC


class Walk:
    def __init__(self, seed, price, vol=0.004, tick=None):
        self.r = random.Random(seed)
        self.c = price
        self.vol = vol
        self.tick = tick

    def q(self, x):
        return round(x / self.tick) * self.tick if self.tick else x

    def bar(self):  # an ordinary bar
        r, o = self.r, self.c
        c = self.q(o * math.exp(r.gauss(0, self.vol)))
        h = max(self.q(max(o, c) * (1 + r.random() * 0.002)), o, c)
        l = min(self.q(min(o, c) * (1 - r.random() * 0.002)), o, c)
        self.c = c
        return (o, h, l, c, round(r.random() * 100, 3))

    def flat(self):  # nothing traded: the bar repeats the last close
        c = self.c
        return (c, c, c, c, 0.0)

    def tick1(self):  # one trade: high == low, the price moves between bars
        c = self.q(self.c * math.exp(self.r.gauss(0, self.vol)))
        self.c = c
        return (c, c, c, c, round(self.r.random() * 5, 3))

    def jump(self, factor):
        o = self.c
        c = self.q(o * factor)
        self.c = c
        return (o, max(o, c), min(o, c), c, 50.0)


def build(walk, plan):
    out = []
    for kind, n, *arg in plan:
        for _ in range(n):
            out.append(walk.jump(*arg) if kind == 'jump' else getattr(walk, kind)())
    return out


MIXED = [('bar', 40), ('flat', 50), ('bar', 30), ('tick1', 25), ('flat', 25), ('bar', 20), ('flat', 3),
         ('bar', 10), ('flat', 60)]


def monotone():
    out, p = [], 100.0
    for _ in range(50):
        out.append((p, p + 1, p, p + 1, 10.0))
        p += 1
    for _ in range(50):
        out.append((p, p, p - 1, p - 1, 10.0))
        p -= 1
    out += [(p, p, p, p, 0.0)] * 30
    for _ in range(30):
        out.append((p, p + 0.5, p, p + 0.5, 1.0))
        p += 0.5
    return out


def through_zero():
    out, c, r = [], 2.0, random.Random(7)
    for i in range(120):
        o = c
        c = 0.0 if i in (40, 41, 42, 90) else round(c + r.choice([-0.5, -0.25, 0, 0.25, 0.5]), 2)
        out.append((o, max(o, c) + 0.25, min(o, c) - 0.25, c, 5.0))
    return out


SERIES = {
    'edge_flat': build(Walk(1, 100.0), MIXED),
    'edge_gap': build(Walk(4, 100.0), [('bar', 50), ('jump', 1, 25.0), ('bar', 50), ('jump', 1, 0.01),
                                       ('bar', 40), ('flat', 30), ('jump', 1, 3.0), ('flat', 30)]),
    'edge_tiny': build(Walk(5, 1e-6), MIXED),
    'edge_huge': build(Walk(5, 1e6), MIXED),
    'edge_monotone': monotone(),
    'edge_through_zero': through_zero(),
}

if __name__ == '__main__':
    out_dir = sys.argv[1]
    for name, bars in SERIES.items():
        with open(os.path.join(out_dir, name + '.csv'), 'w') as f:
            f.write('time,open,high,low,close,volume\n')
            for i, (o, h, l, c, v) in enumerate(bars):
                assert l <= o <= h and l <= c <= h, (name, i)
                f.write(f'{T0 + 60_000 * i},{o!r},{h!r},{l!r},{c!r},{v!r}\n')
