/// Many finite values at once, with the running figures held in locals.
///
/// The figures are gathered in three short loops rather than one: where first and last move,
/// Welford's mean and squared deviations, then the sum and extremes. Each figure is still
/// formed value by value in order, as one loop would, so the results are the same bits; the
/// separate loops compile to fewer instructions (in one loop doing everything, the compiler
/// paired the selects of the extremes and of first and last into vector blends).
extension SummaryStats {
    /// Adds `values[i]` logged at `positions[i]` for every `i` in order, as
    /// ``add(position:value:)`` would one by one; every value must be finite. Both buffers
    /// have the same length.
    mutating func add(
        positions: UnsafeBufferPointer<Double>, finiteValues values: UnsafeBufferPointer<Double>
    ) {
        guard !values.isEmpty else { return }

        // After one value, first and last are set: the rest only moves them.
        add(position: positions[0], value: values[0])
        guard values.count > 1 else { return }

        noteEnds(positions: positions, values: values)
        let rest = UnsafeBufferPointer(rebasing: values[1...])
        accumulateDeviations(rest)
        Self.accumulateSumAndExtremes(rest, sum: &sum, minimum: &minimum, maximum: &maximum)
    }

    /// Moves first and last to where `positions[1...]` take them, as adding them one by one
    /// would. When the positions do not fall (the usual case), the first cannot move and the
    /// last moves only to the final position, if that reaches it.
    private mutating func noteEnds(
        positions: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>
    ) {
        guard let last else { return }

        // `>=` fails on NaN too, which then takes the general way.
        var previous = positions[0]
        for index in 1..<positions.count {
            let position = positions[index]
            guard position >= previous else {
                return followEnds(positions: positions, values: values)
            }
            previous = position
        }

        // Every later position is at least the first one added, which first already covers.
        let end = positions.count - 1
        if positions[end] >= last.position {
            self.last = Observation(position: positions[end], value: values[end])
        }
    }

    /// The general way: first and last followed one position at a time from index 1.
    private mutating func followEnds(
        positions: UnsafeBufferPointer<Double>, values: UnsafeBufferPointer<Double>
    ) {
        guard let first, let last else { return }

        var firstPosition = first.position
        var lastPosition = last.position
        var firstIndex = -1
        var lastIndex = -1
        for index in 1..<positions.count {
            let position = positions[index]
            if position < firstPosition {
                firstPosition = position
                firstIndex = index
            }
            if position >= lastPosition {
                lastPosition = position
                lastIndex = index
            }
        }

        if firstIndex >= 0 {
            self.first = Observation(position: firstPosition, value: values[firstIndex])
        }
        if lastIndex >= 0 {
            self.last = Observation(position: lastPosition, value: values[lastIndex])
        }
    }

    /// Welford's count, mean and sum of squared deviations over `values`, in order.
    private mutating func accumulateDeviations(_ values: UnsafeBufferPointer<Double>) {
        // The count as a double is exact (below 2^53), and is what the division takes.
        var count = Double(count)
        var mean = runningMean
        var m2 = m2
        for value in values {
            count += 1
            let delta = value - mean
            mean += delta / count
            m2 += delta * (value - mean)
        }
        self.count += values.count
        runningMean = mean
        self.m2 = m2
    }

    /// The sum, minimum and maximum over `values`, in order (a tie keeps the earlier value,
    /// which tells −0 from 0). Apart, with the figures as separate arguments, so that the
    /// extremes compile to one `minsd` and one `maxsd` rather than a vector blend of the two
    /// neighbouring fields.
    @inline(never)
    private static func accumulateSumAndExtremes(
        _ values: UnsafeBufferPointer<Double>, sum: inout Double, minimum: inout Double,
        maximum: inout Double
    ) {
        var total = sum
        var lowest = minimum
        var highest = maximum
        for value in values {
            total += value
            lowest = value < lowest ? value : lowest
            highest = value > highest ? value : highest
        }
        sum = total
        minimum = lowest
        maximum = highest
    }
}
