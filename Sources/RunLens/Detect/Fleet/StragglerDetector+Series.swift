/// A batch taken series by series: each tracked series' points in one loop, with its buckets
/// held through one pointer, instead of looking the series up and checking its buckets for
/// sharing at every point.
extension StragglerDetector {
    /// Adds the points of `points` at `positions` as point-by-point adding would and returns
    /// `true`, or returns `false`, adding nothing, when the grid's width would double within
    /// the batch.
    ///
    /// The same result: a point changes only its own series and the grid's lowest and highest
    /// index; those end the same in any order, and while the width holds, nothing else is
    /// shared. The grid index never falls as the step rises, so the batch's lowest and highest
    /// steps give the range its points span, and the width doubles within the batch exactly
    /// when that range, with the grid's, spans ``cap`` buckets or more.
    func addBySeries(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        to tracked: UnsafeMutableBufferPointer<TrackedWork>
    ) -> Bool {
        // The first batch sets the grid's origin at its first point that counts.
        guard !origin.isNaN else { return false }

        if groupEnds.count != tracked.count {
            groupEnds = Array(repeating: 0, count: tracked.count)
        }
        guard let steps = countBySeries(points, at: positions, tracked: tracked) else {
            return true
        }

        let low = min(lowest, gridIndex(of: steps.low))
        let high = max(highest, gridIndex(of: steps.high))
        guard high - low < cap else { return false }

        (lowest, highest) = (low, high)
        groupBySeries(points, at: positions)
        let (origin, width) = (origin, width)
        groupedPositions.withUnsafeBufferPointer { grouped in
            var start = 0
            for slot in tracked.indices {
                let run = UnsafeBufferPointer(rebasing: grouped[start..<groupEnds[slot]])
                start = groupEnds[slot]
                guard !run.isEmpty else { continue }
                tracked[slot].add(points, at: run) {
                    Self.gridIndex(of: $0, origin: origin, width: width)
                }
            }
        }
        return true
    }

    /// Counts in ``groupEnds`` the batch's points per tracked series (all of them, as their
    /// series' loop skips those that do not count itself); returns the lowest, highest and
    /// step of the points that count, or `nil` when none does.
    private func countBySeries(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        tracked: UnsafeMutableBufferPointer<TrackedWork>
    ) -> (low: Double, high: Double)? {
        var (low, high) = (Double.infinity, -Double.infinity)
        slots.withUnsafeBufferPointer { slots in
            groupEnds.withUnsafeMutableBufferPointer { counts in
                for slot in counts.indices { counts[slot] = 0 }
                for position in positions {
                    let series = points[position].series
                    guard series < slots.count, slots[series] >= 0 else { continue }
                    let slot = slots[series]
                    counts[slot] &+= 1
                    let point = points[position].point
                    let value = point.value * tracked[slot].scale
                    guard value.isFiniteAndNotNegative, point.step.isFinite else { continue }
                    low = point.step < low ? point.step : low
                    high = point.step > high ? point.step : high
                }
            }
        }
        return low <= high ? (low, high) : nil
    }

    /// Writes the batch's positions of tracked series into ``groupedPositions``, series by
    /// series in slot order and in batch order within each, and turns the counts in
    /// ``groupEnds`` into where each group ends.
    private func groupBySeries(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>
    ) {
        if groupedPositions.count < positions.count {
            groupedPositions = Array(repeating: 0, count: positions.count)
        }
        slots.withUnsafeBufferPointer { slots in
            groupEnds.withUnsafeMutableBufferPointer { ends in
                var start = 0
                for slot in ends.indices {
                    (ends[slot], start) = (start, start + ends[slot])
                }
                groupedPositions.withUnsafeMutableBufferPointer { grouped in
                    for position in positions {
                        let series = points[position].series
                        guard series < slots.count, slots[series] >= 0 else { continue }
                        grouped[ends[slots[series]]] = position
                        ends[slots[series]] &+= 1
                    }
                }
            }
        }
    }
}

extension TrackedWork {
    /// Adds, in order, the points of `points` at `positions`, all of this series, whose scaled
    /// value is finite and not negative at a finite step, each to the bucket at
    /// `gridIndex(step)`: as ``add(_:at:index:)`` one by one, with the buckets held
    /// through one pointer until a point needs a new one.
    mutating func add(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        gridIndex: (Double) -> Int
    ) {
        var next = 0
        while next < positions.count {
            next = addHeld(points, at: positions, from: next, gridIndex: gridIndex)
            guard next < positions.count else { return }

            let point = points[positions[next]].point
            add(point.value * scale, at: point, index: gridIndex(point.step))
            next += 1
        }
    }

    /// Adds the points from `start` on while their buckets are held; returns the position
    /// of the first point whose bucket is not (it adds nothing of it).
    private mutating func addHeld(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        from start: Int, gridIndex: (Double) -> Int
    ) -> Int {
        let scale = scale
        var (count, firstStep, lastStep) = (count, firstStep, lastStep)
        defer { (self.count, self.firstStep, self.lastStep) = (count, firstStep, lastStep) }
        return buckets.withHeldBuckets { buckets, firstIndex in
            for next in start..<positions.count {
                let point = points[positions[next]].point
                let value = point.value * scale
                guard value.isFiniteAndNotNegative, point.step.isFinite else { continue }

                let offset = gridIndex(point.step) &- firstIndex
                guard offset >= 0, offset < buckets.count else { return next }
                buckets[offset].add(value, at: point)
                count += 1
                firstStep = min(firstStep, point.step)
                lastStep = lastStep > point.step ? lastStep : point.step
            }
            return positions.count
        }
    }
}
