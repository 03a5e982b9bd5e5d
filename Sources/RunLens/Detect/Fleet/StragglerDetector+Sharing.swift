/// Positions shared within a rank: a rank's tracked series read from the same records (its
/// data and step time) have their values at the same steps, times and lines, so their
/// buckets start and end at the same points, and a later series can take the first one's
/// positions instead of keeping its own (40 of a bucket's 64 bytes).
///
/// A series shares only from its creation, beside its rank's first series while neither
/// holds a value. Each batch is checked before any of its points is taken: a sharing series
/// whose points that count (finite, not negative, at a finite step) are not those of its
/// owner, one for one and bit for bit in step, time, line and file, gets a copy of the
/// owner's positions first, which are still its own, and goes on with them. Points taken one
/// at a time are not checked, so every series stops sharing before the first.
extension StragglerDetector {
    /// Lets the new tracked series at `slot` share the positions of its rank's first one,
    /// when neither holds a value yet; else the series keeps its own.
    func sharePositions(_ slot: Int) {
        let rank = tracked[slot].rank
        guard let owner = firstOfRank[rank] else {
            firstOfRank[rank] = slot
            return
        }
        guard tracked[owner].count == 0, tracked[owner].buckets.stats.isEmpty else { return }
        tracked[slot].positionsOwner = owner
        tracked[slot].buckets.sharePositions()
        sharing += 1
    }

    /// Gives every sharing series positions of its own.
    func stopSharing() {
        for slot in tracked.indices where tracked[slot].positionsOwner >= 0 { ownPositions(slot) }
    }

    /// Checks the batch's points, grouped by series, for series that can share no longer.
    func checkSharing(
        _ points: UnsafeBufferPointer<CommittedPoint>, groupedBy groups: BatchSeriesGroups
    ) {
        for slot in tracked.indices where tracked[slot].positionsOwner >= 0 {
            let owner = tracked[tracked[slot].positionsOwner]
            let same = Self.samePlaces(
                points, groups.positions(ofSeries: owner.series), scale: owner.scale,
                groups.positions(ofSeries: tracked[slot].series), scale: tracked[slot].scale)
            if !same { ownPositions(slot) }
        }
    }

    /// Checks the batch's points for series that can share no longer, grouping them first.
    func checkSharing(_ points: UnsafeBufferPointer<CommittedPoint>) {
        guard sharing > 0 else { return }
        if batchPositions.count < tracked.count {
            batchPositions += Array(repeating: [], count: tracked.count - batchPositions.count)
        }
        for slot in batchPositions.indices { batchPositions[slot].removeAll(keepingCapacity: true) }
        for (position, item) in points.enumerated() where item.series < slots.count {
            let slot = slots[item.series]
            if slot >= 0 { batchPositions[slot].append(position) }
        }
        for slot in tracked.indices where tracked[slot].positionsOwner >= 0 {
            let owner = tracked[slot].positionsOwner
            let same = batchPositions[owner].withUnsafeBufferPointer { ownerPositions in
                batchPositions[slot].withUnsafeBufferPointer { positions in
                    Self.samePlaces(
                        points, ownerPositions, scale: tracked[owner].scale, positions,
                        scale: tracked[slot].scale)
                }
            }
            if !same { ownPositions(slot) }
        }
    }

    /// Gives the sharing series at `slot` a copy of its owner's positions.
    private func ownPositions(_ slot: Int) {
        let owner = tracked[slot].positionsOwner
        tracked[slot].buckets.ownPositions(copying: tracked[owner].buckets)
        tracked[slot].positionsOwner = -1
        sharing -= 1
    }

    /// Whether the points at `first` (scaled by `firstScale`) and at `second` that count
    /// sit at the same steps, times, lines and files, one for one, bit for bit.
    static func samePlaces(
        _ points: UnsafeBufferPointer<CommittedPoint>, _ first: UnsafeBufferPointer<Int>,
        scale firstScale: Double, _ second: UnsafeBufferPointer<Int>, scale secondScale: Double
    ) -> Bool {
        if first.count == second.count,
            let same = samePairs(
                points, first, scale: firstScale, second, scale: secondScale)
        {
            return same
        }

        var (next, other) = (0, 0)
        while true {
            while next < first.count, !counts(points[first[next]].point, scale: firstScale) {
                next += 1
            }
            while other < second.count, !counts(points[second[other]].point, scale: secondScale) {
                other += 1
            }
            guard next < first.count, other < second.count else {
                return next == first.count && other == second.count
            }
            let (one, two) = (points[first[next]].point, points[second[other]].point)
            guard one.step.bitPattern == two.step.bitPattern,
                one.time.bitPattern == two.time.bitPattern, one.line == two.line,
                one.file == two.file
            else { return false }
            (next, other) = (next + 1, other + 1)
        }
    }

    /// ``samePlaces(_:_:scale:_:scale:)`` for lists of one length, point `i` of one beside
    /// point `i` of the other (a rank's data and step time read from the same records): while
    /// each pair's points both count or both do not, the points that count pair up index by
    /// index, as the general way pairs them; `nil` at a pair where only one counts, before any
    /// pair that differs in place.
    private static func samePairs(
        _ points: UnsafeBufferPointer<CommittedPoint>, _ first: UnsafeBufferPointer<Int>,
        scale firstScale: Double, _ second: UnsafeBufferPointer<Int>, scale secondScale: Double
    ) -> Bool? {
        for index in first.indices {
            let (one, two) = (points[first[index]].point, points[second[index]].point)
            let counting = counts(one, scale: firstScale)
            guard counting == counts(two, scale: secondScale) else { return nil }
            guard counting else { continue }
            // The pairs before agree on which count, so the general way compares these two.
            guard one.step.bitPattern == two.step.bitPattern,
                one.time.bitPattern == two.time.bitPattern, one.line == two.line,
                one.file == two.file
            else { return false }
        }
        return true
    }

    /// Whether `point` counts for a series scaled by `scale`: as in the detector's `add`.
    @inline(__always)
    private static func counts(_ point: Point, scale: Double) -> Bool {
        (point.value * scale).isFiniteAndNotNegative && point.step.isFinite
    }
}
