/// Many values of one series at once: a run of values that all fall in the newest open
/// window is added with the window's summary and the moving average held in locals, and
/// its exact values appended in one copy, instead of one value at a time.
extension WindowAccumulator {
    /// Adds `values[i]` logged at `positions[i]` for every `i` in order, exactly as
    /// ``add(position:value:)`` would one by one. Both buffers have the same length.
    public mutating func add(
        positions: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>
    ) {
        var next = 0
        while next < positions.count {
            next = addToNewest(positions, values, from: next)
            guard next < positions.count else { return }

            add(position: positions[next], value: values[next])
            next += 1
        }
    }

    /// Adds values from `start` on while each is finite, falls in the newest open window, and
    /// needs nothing else (no window opens or closes, the grid has nothing to record, the
    /// whole run stays within `runExactCapacity`); returns the position of the first value
    /// not added.
    private mutating func addToNewest(
        _ positions: UnsafeBufferPointer<Double>, _ values: UnsafeBufferPointer<Double>,
        from start: Int
    ) -> Int {
        guard !finished, let newest = windows.last?.index else { return start }

        let room = windowCapacity > exactCapacity ? runExactCapacity - finiteCount : Int.max
        let end: Int
        if let grid {
            // Adaptive: only caught up with the grid, for positions inside the range it holds
            // (those it records without change); the caller keeps the width fixed meanwhile.
            guard doublings == grid.doublings, let low = grid.lowest, let high = grid.highest
            else { return start }
            end = self.end(of: positions, values, from: start, limit: room, window: newest) {
                (low...high).contains($0)
            }
        } else {
            end = self.end(of: positions, values, from: start, limit: room, window: newest) {
                _ in true
            }
        }
        guard end > start else { return start }

        let positions = UnsafeBufferPointer(rebasing: positions[start..<end])
        let values = UnsafeBufferPointer(rebasing: values[start..<end])
        arrivals += values.count
        finiteCount += values.count
        ema.add(finiteValues: values)
        let slot = windows.count - 1
        windows[slot].summary.add(positions: positions, finiteValues: values)
        windows[slot].quantiles.add(finiteValues: values)
        windows[slot].ema = ema.value
        windows[slot].lastArrival = arrivals
        return end
    }

    /// Where the run from `start` of at most `limit` finite values in window `window`, at
    /// positions `isInRange` takes, ends.
    ///
    /// A position is in the window when its quotient by the width lies in
    /// `[window, window + 1)`: both ends are exact (the index is within 2^52), so that is
    /// ``WindowGrid/index(_:_:)`` giving `window`, and it fails for a position that is not
    /// finite or beyond the limit, which no open window can hold.
    @inline(__always)
    private func end(
        of positions: UnsafeBufferPointer<Double>, _ values: UnsafeBufferPointer<Double>,
        from start: Int, limit: Int, window: Int, isInRange: (Double) -> Bool
    ) -> Int {
        let width = width
        let low = Double(window)
        let high = Double(window + 1)
        let last = start + Swift.min(positions.count - start, Swift.max(0, limit))
        for index in start..<last {
            let position = positions[index]
            let quotient = position / width
            guard quotient >= low, quotient < high, values[index].isFinite, isInRange(position)
            else { return index }
        }
        return last
    }
}
