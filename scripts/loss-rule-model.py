#!/usr/bin/env python3
"""An independent model of runlens' loss rules, written from their descriptions and sharing no
code with the detectors, that prints the expected values cited by
Tests/RunLensTests/LossSpikeJumpTests.swift and Tests/RunLensTests/DivergenceRiseTests.swift.

usage: scripts/loss-rule-model.py
"""
import math
import statistics


def rises(points, smoothing=20, warmup=20, r=0.5, share=0.1, lookback=10, sustain=5, k=6.0):
    """divergence's rising rule: EMA smoothing (bias-corrected, alpha = 2/(smoothing+1)), a
    warm-up, the running minimum of the smoothed loss; threshold min*(1+r) for a positive
    minimum, else min + max(r*fall, k*dev) with fall the highest smoothed value before the
    minimum less the minimum (out of reach when fall <= k*dev), dev an EMA (same alpha) of
    |consecutive raw difference|/sqrt(2). The rule holds when smoothed >= threshold,
    rise >= share*(highest-min) and smoothed > its value `lookback` points before; it fires
    after `sustain` holds when the median of the last 2*sustain raw points is above the
    threshold. At the end: the last `sustain` or more raw points all above the threshold and
    the smoothed loss rising, when the climb was not reported. The withdrawal of a rise whose
    raw loss comes back is not modelled: the cases printed here never come back."""
    a = 2 / (smoothing + 1)
    avg = 0.0; dec = 1.0; seen = 0; mn = math.inf; mnpt = None; hi = -math.inf; hibefore = None
    hist = []; raw = []; held = 0; firing = False; dev = 0.0
    departure = None; reported = False; tail = 0; tailfirst = None; tailpeak = None
    eps = []
    def limit():
        if mn > 0: return mn * (1 + r)
        if hibefore - mn <= k * dev: return math.inf
        return mn + max(r * (hibefore - mn), k * dev)
    def near():
        if mn > 0: return mn * (1 + r / 5)
        return mn + (limit() - mn) / 5  # inf when the rule is out of reach
    for step, v in points:
        seen += 1
        avg = (1 - a) * avg + a * v; dec *= 1 - a; s = avg / (1 - dec)
        hist.append(s); hist = hist[-(lookback + 1):]
        if raw:
            d = abs(v - raw[-1]) * math.sqrt(0.5)
            dev = d if seen <= 2 else dev + a * (d - dev)
        raw.append(v); raw = raw[-2 * sustain:]
        hi = max(hi, s)
        if seen <= warmup: continue
        if s < mn: mn, mnpt, hibefore = s, step, hi
        if s <= near(): departure = None; reported = False
        elif departure is None: departure = step
        L = limit()
        if v >= L and v - mn >= share * (hi - mn):
            if tail == 0: tailfirst, tailpeak = step, v
            tail += 1; tailpeak = max(tailpeak, v)
        else: tail = 0
        holds = s >= L and s - mn >= share * (hi - mn) and s > hist[0]
        if holds: held += 1
        else: held = 0; firing = False
        if held >= sustain and statistics.median(raw) >= L:
            if firing: eps[-1].update(last=step, peak=max(eps[-1]['peak'], s))
            else:
                firing = True; reported = True
                eps.append(dict(start=departure or step, first=step, last=step, peak=s,
                                minimum=mn, minstep=mnpt, threshold=L, highest=hibefore, dev=dev))
    if not reported and tail >= sustain and hist[-1] > hist[0]:
        begun = departure is not None and departure <= tailfirst
        eps.append(dict(start=departure if begun else tailfirst,
                        first=tailfirst, last=points[-1][0], peak=tailpeak, count=tail,
                        minimum=mn, minstep=mnpt, threshold=limit(), atEnd=True))
    return eps


def spikes(points, window=100, ratio=2.0, z=6.0, warmup=20, cooldown=50):
    """loss_spike: trailing mean of the last `window` accepted points, typical deviation an EMA
    (weight 2/(window+1)) of |consecutive accepted difference|/sqrt(2). After `warmup`
    accepted points a point is high when above ratio*mean and z deviations above the mean
    (mean > 0), or for mean <= 0 above mean + max((ratio-1)*(highest mean since the warm-up -
    mean), z*dev); a spike when also z deviations above the previous accepted point. Spike
    points stay out of the window. A climb departs at the first point above mean + 3*dev after
    one within it; a spike opened while a departure is set starts there, against the mean at
    the departure. Recovered: the first point at or below baseline + max(3*dev,
    min(0.1*(peak-baseline), 0.05*|baseline|)) that starts 3 points in a row whose mean is at
    or below that level."""
    w = []; dev = 0.0; acc = 0; prev = None; wt = 2 / (window + 1)
    highest = -math.inf; departure = None; depmean = 0.0
    eps = []; tracking = False; recent = []; spikerun = 0; cont = False
    def level(e):
        j = e['jumps'][-1]
        near = min(0.1 * (e['peak'] - e['baseline']), 0.05 * abs(e['baseline']))
        return e['baseline'] + max(3 * e['dev'], near)
    for step, v in points:
        mean = sum(w) / len(w) if (w and acc >= warmup) else None
        if mean is not None:
            highest = max(highest, mean)
            if mean > 0:
                high = v > ratio * mean and v - mean > z * max(dev, 1e-12 * mean)
                thr = ratio * mean
            else:
                thr = mean + max((ratio - 1) * max(0, highest - mean), z * max(dev, 1e-12 * -mean))
                high = v > thr
            if high and prev is not None and v - prev > z * max(dev, 1e-12 * abs(mean)):
                spikerun += 1
                if eps and (spikerun > 1 or step - eps[-1]['last'] <= cooldown):
                    e = eps[-1]
                    if spikerun == 1 and not cont:
                        e['jumps'][-1]['outcome'] = e['outcome']
                        e['jumps'].append(dict(first=step, peak=(step, v), baseline=mean))
                    e['last'] = step; e['count'] += 1; e['outcome'] = None
                    if v > e['peak']: e['peak'], e['peakstep'] = v, step
                    if v > e['jumps'][-1]['peak'][1]: e['jumps'][-1]['peak'] = (step, v)
                    tracking = True; recent = []
                else:
                    first = departure[0] if departure else step
                    base = depmean if departure else mean
                    eps.append(dict(first=first, last=step, peak=v, peakstep=step, baseline=base,
                                    dev=dev, threshold=thr, count=1, outcome=None,
                                    jumps=[dict(first=first, peak=(step, v), baseline=base)]))
                    tracking = True; recent = []
                cont = True
                continue
            spikerun = 0; cont = False
            if v <= mean + 3 * dev: departure = None
            elif departure is None: departure, depmean = (step, v), mean
        if tracking:
            recent = (recent + [(step, v)])[-3:]
            L = level(eps[-1])
            if len(recent) == 3 and recent[0][1] <= L and sum(x[1] for x in recent) / 3 <= L:
                eps[-1]['outcome'] = ('recovered', recent[0][0]); tracking = False
        if prev is not None:
            d = abs(v - prev) * math.sqrt(0.5); dev = d if acc <= 1 else dev + wt * (d - dev)
        prev = v; w.append(v); w = w[-window:]; acc += 1
    return eps


def flat(count):
    """LossSpikeDetectorTests.flat: 2.5 with a wobble of 0.02 * sin(1.3 i)."""
    return [2.5 + 0.02 * math.sin(i * 1.3) for i in range(1, count + 1)]


def numbered(values):
    return list(zip(range(1, len(values) + 1), values))


def main():
    # LossSpikeJumpTests
    negative = [0.98 if i % 2 == 0 else 1.02 for i in range(100)]
    negative += [-3.02 if i % 2 == 0 else -2.98 for i in range(200)]
    for height in (3.0, 0.5):
        values = list(negative)
        values[249] = height
        print("negative spike to", height, spikes(numbered(values)))
    values = flat(300)
    values[149] = values[179] = 8.0
    print("two spikes", spikes(numbered(values)))
    values = flat(300)
    for index in range(149, 210, 10):
        values[index] = 8.0
    print("seven spikes", spikes(numbered(values)))
    values = flat(300)
    for k in range(1, 13):
        values[148 + k] = 2.5 * (1 + 1.5 * k / 12)
    for j in range(1, 13):
        values[160 + j] = 2.5 * (2.5 - 1.5 * j / 12)
    print("climb that ends in a jump", spikes(numbered(values)))

    # DivergenceRiseTests
    fall = [(s, -3 + 4 * math.exp(-s / 40)) for s in range(1, 301)]
    climb = [(s, -3 + 4 * (s - 300) / 300) for s in range(301, 601)]
    print("negative climb", rises(fall + climb))
    print("negative healthy", rises([(s, -3 + 4 * math.exp(-s / 40)) for s in range(1, 601)]))
    print("negative creep", rises([(s, -0.52 + 0.02 * s / 500) for s in range(1, 501)]))
    epochs = [(e, 0.5 + 2.0 * math.exp(-e / 5)) for e in range(35)]
    epochs += [(e, 0.5 + 0.06 * (e - 34)) for e in range(35, 50)]
    for end in (50, 45, 44):
        print("epoch rise ending at", end - 1, rises(epochs[:end]))
    print("epoch healthy", rises([(e, 0.5 + 2.0 * math.exp(-e / 5)) for e in range(50)]))


if __name__ == "__main__":
    main()
