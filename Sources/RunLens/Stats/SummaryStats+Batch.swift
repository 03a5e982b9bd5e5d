/// Many finite values at once, with the running figures held in locals.
extension SummaryStats {
    /// Adds `values[i]` logged at `positions[i]` for every `i` in order, as
    /// ``add(position:value:)`` would one by one; every value must be finite. Both buffers
    /// have the same length.
    mutating func add(
        positions: UnsafeBufferPointer<Double>, finiteValues values: UnsafeBufferPointer<Double>
    ) {
        guard !values.isEmpty else { return }

        // After one value, first and last are set: the loop only notes where they move.
        add(position: positions[0], value: values[0])
        guard let first, let last else { return }

        var firstPosition = first.position
        var lastPosition = last.position
        var firstIndex = -1
        var lastIndex = -1
        var count = count
        var runningMean = runningMean
        var m2 = m2
        var sum = sum
        var minimum = minimum
        var maximum = maximum
        for index in 1..<values.count {
            let position = positions[index]
            if position < firstPosition {
                firstPosition = position
                firstIndex = index
            }
            if position >= lastPosition {
                lastPosition = position
                lastIndex = index
            }

            Self.accumulate(
                values[index], count: &count, mean: &runningMean, m2: &m2, sum: &sum,
                minimum: &minimum, maximum: &maximum)
        }

        if firstIndex >= 0 {
            self.first = Observation(position: firstPosition, value: values[firstIndex])
        }
        if lastIndex >= 0 {
            self.last = Observation(position: lastPosition, value: values[lastIndex])
        }
        self.count = count
        self.runningMean = runningMean
        self.m2 = m2
        self.sum = sum
        self.minimum = minimum
        self.maximum = maximum
    }
}
