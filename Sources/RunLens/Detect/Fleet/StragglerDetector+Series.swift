/// Batches taken series by series: each tracked series' points in one loop, with its buckets
/// held through one pointer, instead of looking the series up and checking its buckets for
/// sharing at every point.
extension StragglerDetector: SeriesRunObserver {
    /// Whether the batch goes series by series: yes when the grid surely keeps its width
    /// through it.
    ///
    /// The same as point by point: a point changes only its own series and the grid's lowest
    /// and highest index, which end the same in any order, and while the width holds nothing
    /// else is shared. The grid index never falls as the step rises, so the lowest and highest
    /// step of the batch's tracked points bound the indexes its points take, and the width
    /// cannot double within the batch while those, with the grid's, span fewer than ``cap``
    /// buckets. (Points that do not count widen the range: such a batch may go point by point
    /// when it need not.) The first batch, which sets the grid's origin at its first point that
    /// counts, goes point by point.
    func takesRuns(
        of points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) -> Bool {
        if sharing > 0 { checkSharing(points, groupedBy: groups) }
        let byRuns = takesRuns(points, groupedBy: groups)
        // Point by point, the batch comes to `observe(_:)`, which need not check it again.
        checkedBatch = !byRuns
        return byRuns
    }

    private func takesRuns(
        _ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) -> Bool {
        guard !origin.isNaN else { return false }
        guard let steps = stepRange(points, groupedBy: groups) else { return true }

        let low = min(lowest, gridIndex(of: steps.low))
        let high = max(highest, gridIndex(of: steps.high))
        return high - low < cap
    }

    /// Adds the points of tracked series `index` in `run`, after
    /// ``takesRuns(of:groupedBy:)`` said yes for the batch.
    func observe(series index: Int, run: SeriesRun) {
        guard index < slots.count, slots[index] >= 0 else { return }
        let grid = (origin: origin, width: width)
        let indexes = tracked.withUnsafeMutableBufferPointer { tracked in
            tracked[slots[index]].add(run.points, at: run.positions, grid: grid)
        }
        guard let indexes else { return }
        lowest = min(lowest, indexes.lowerBound)
        highest = max(highest, indexes.upperBound)
    }

    /// The lowest and highest finite step of the batch's points of tracked series, or `nil`
    /// when none has one: a range holding the steps of the points that count.
    private func stepRange(
        _ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) -> (low: Double, high: Double)? {
        var (low, high) = (Double.infinity, -Double.infinity)
        for series in slots.indices where slots[series] >= 0 {
            for position in groups.positions(ofSeries: series) {
                let step = points[position].point.step
                // As `min` and `max` over the finite steps; a NaN one compares false.
                low = step < low ? step : low
                high = step > high ? step : high
            }
        }
        return low <= high ? (low, high) : nil
    }
}

extension TrackedWork {
    /// Adds, in order, the points of `points` at `positions`, all of this series, whose scaled
    /// value is finite and not negative at a finite step, each to the bucket of its step on
    /// `grid` (``StragglerDetector/gridIndex(of:origin:width:)``): as ``add(_:at:index:)`` one
    /// by one, with the buckets held through one pointer until a point needs a new one.
    /// Returns the lowest and highest grid index added to, or `nil` when no point counted.
    mutating func add(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        grid: (origin: Double, width: Double)
    ) -> ClosedRange<Int>? {
        var indexes = (low: Int.max, high: Int.min)
        var next = 0
        while next < positions.count {
            next = addHeld(points, at: positions, from: next, grid: grid, indexes: &indexes)
            guard next < positions.count else { break }

            let point = points[positions[next]].point
            let index = StragglerDetector.gridIndex(
                of: point.step, origin: grid.origin, width: grid.width)
            add(point.value * scale, at: point, index: index)
            indexes = (min(indexes.low, index), max(indexes.high, index))
            next += 1
        }
        return indexes.low <= indexes.high ? indexes.low...indexes.high : nil
    }

    /// Adds the points from `start` on while their buckets are held, widening `indexes` to
    /// their grid indexes; returns the position of the first point whose bucket is not (it
    /// adds nothing of it).
    private mutating func addHeld(
        _ points: UnsafeBufferPointer<CommittedPoint>, at positions: UnsafeBufferPointer<Int>,
        from start: Int, grid: (origin: Double, width: Double),
        indexes: inout (low: Int, high: Int)
    ) -> Int {
        let scale = scale
        var (count, firstStep, lastStep) = (count, firstStep, lastStep)
        var (low, high) = indexes
        defer {
            (self.count, self.firstStep, self.lastStep) = (count, firstStep, lastStep)
            indexes = (low, high)
        }
        return buckets.withHeldBuckets { stats, places, firstIndex in
            let ownPlaces = !places.isEmpty
            for next in start..<positions.count {
                let point = points[positions[next]].point
                let value = point.value * scale
                guard value.isFiniteAndNotNegative, point.step.isFinite else { continue }

                let index = StragglerDetector.gridIndex(
                    of: point.step, origin: grid.origin, width: grid.width)
                let offset = index &- firstIndex
                guard offset >= 0, offset < stats.count else { return next }
                stats[offset].add(value)
                if ownPlaces { places[offset].add(at: point) }
                count += 1
                firstStep = min(firstStep, point.step)
                lastStep = lastStep > point.step ? lastStep : point.step
                low = index < low ? index : low
                high = index > high ? index : high
            }
            return positions.count
        }
    }
}
