extension BucketHistory {
    /// How a detector takes a series' points into its history.
    struct Feed {
        /// Points after each restart that are counted but not kept.
        var warmup = 0
        /// What each value is multiplied by before it is kept.
        var scale = 1.0
        /// Whether points with a value that is not finite are passed over; else they are kept.
        var skipsNonFiniteValues = false
    }

    /// Takes the points of `run` in order, as one at a time would: a point at a position that
    /// is not finite is passed over, a step going backwards is a restart (the history is
    /// truncated there and the count begins again), and the rest is kept once past the
    /// warm-up. Points landing in buckets held go through a ``Filler``, the others by hand.
    /// `last` and `count` are the series' last position and points since its last restart.
    @inline(__always)
    mutating func add(
        _ run: SeriesRun, on axis: Axis, feed: Feed, last: inout Double, count: inout Int
    ) {
        let total = run.positions.count
        var next = 0
        while next < total {
            let start = next
            next = filling { filler in
                Self.fill(run, from: start, on: axis, feed: feed, filler, &last, &count)
            }
            guard next < total else { break }

            let point = run.points[run.positions[next]].point
            let position = axis.position(of: point)
            next += 1
            guard position.isFinite, !feed.skipsNonFiniteValues || point.value.isFinite else {
                continue
            }
            if position < last {
                truncate(from: position)
                count = 0
            }
            last = position
            count += 1
            guard count > feed.warmup else { continue }
            add(step: position, time: point.time, value: point.value * feed.scale)
        }
    }

    /// Takes the points of `run` from `start` on while each is passed over, counted in the
    /// warm-up, or lands, not behind `last`, in a bucket `filler` holds; returns where it
    /// stopped.
    @inline(__always)
    private static func fill(
        _ run: SeriesRun, from start: Int, on axis: Axis, feed: Feed, _ filler: Filler,
        _ last: inout Double, _ count: inout Int
    ) -> Int {
        var at = start
        while at < run.positions.count {
            let point = run.points[run.positions[at]].point
            let position = axis.position(of: point)
            if position.isFinite, !feed.skipsNonFiniteValues || point.value.isFinite {
                guard position >= last else { break }
                if count >= feed.warmup {
                    let value = point.value * feed.scale
                    guard filler.add(step: position, time: point.time, value: value) else {
                        break
                    }
                }
                last = position
                count += 1
            }
            at += 1
        }
        return at
    }
}
