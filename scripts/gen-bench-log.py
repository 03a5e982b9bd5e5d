#!/usr/bin/env python3
"""Writes a deterministic training log for benchmarks: RANKS interleaved ranks, one JSON
object per line (~200 bytes, ten numeric fields), until SIZE bytes are written.

usage: gen-bench-log.py SIZE_MB OUT [--ranks 8] [--seed 1] [--extra-metrics 0]

--extra-metrics K adds K more numeric fields (`extra_00`...) to every line, for scaling runs;
with 0 the output is the same as without the option.
"""
import argparse
import math
import random


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("size_mb", type=float)
    parser.add_argument("out")
    parser.add_argument("--ranks", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra-metrics", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    limit = int(args.size_mb * 1_000_000)
    written = 0
    step = 0
    start = 1_715_677_200.0
    with open(args.out, "w") as out:
        while written < limit:
            step += 1
            base = 2.0 + 8.0 * math.exp(-step / 20000.0)
            lines = []
            for rank in range(args.ranks):
                loss = base * (1.0 + 0.02 * rng.gauss(0, 1))
                step_time = 0.42 * (1.0 + 0.03 * rng.gauss(0, 1))
                line = (
                    '{"step": %d, "rank": %d, "timestamp": %.3f, "loss": %.6f, '
                    '"grad_norm": %.5f, "lr": %.6e, "step_time": %.5f, "data_time": %.5f, '
                    '"tokens_per_second": %.1f, "gpu_memory_allocated": %.4f, "mfu": %.4f}\n'
                    % (step, rank, start + step * 0.42, loss, 0.8 + 0.1 * rng.random(),
                       3e-4 * min(1.0, step / 2000.0), step_time, 0.01 + 0.002 * rng.random(),
                       131072 / step_time, 38.5 + 0.01 * rng.random(), 0.41 + 0.01 * rng.random()))
                if args.extra_metrics:
                    extra = "".join(', "extra_%02d": %.5f' % (k, k + rng.random())
                                    for k in range(args.extra_metrics))
                    line = line[:-2] + extra + "}\n"
                lines.append(line)
            chunk = "".join(lines)
            out.write(chunk)
            written += len(chunk)


if __name__ == "__main__":
    main()
