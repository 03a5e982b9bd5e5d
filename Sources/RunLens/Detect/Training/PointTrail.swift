/// The last few points of a series, kept so an incident can show the values before it.
///
/// A ring: appending never moves the points already held.
struct PointTrail {
    /// How many points are kept.
    let capacity: Int
    private var storage: [Point] = []
    private var next = 0

    /// Creates an empty trail of `capacity` points.
    init(capacity: Int = 3) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    /// The points held, oldest first.
    var points: [Point] {
        guard storage.count == capacity else { return storage }
        return Array(storage[next...] + storage[..<next])
    }

    /// Adds `point`, forgetting the oldest beyond `capacity`.
    mutating func append(_ point: Point) {
        if storage.count < capacity {
            storage.append(point)
        } else {
            storage[next] = point
            next = next + 1 == capacity ? 0 : next + 1
        }
    }

    /// Forgets every point.
    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
        next = 0
    }
}

/// Words and numbers for incident messages and evidence lines.
enum EvidenceText {
    /// A value rounded for people; `+Inf`, `-Inf` and `NaN` for non-finite ones.
    static func value(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        return NumberFormat.short(value)
    }

    /// `step 120`, or the time when the point has no step.
    static func position(_ point: Point) -> String {
        if point.step.isFinite { return "step \(NumberFormat.exact(point.step))" }
        if point.time.isFinite { return "time \(TimeFormat.iso(point.time))" }
        return "an unknown position"
    }

    /// `120`, the bare step, or the time.
    static func step(_ point: Point) -> String {
        if point.step.isFinite { return NumberFormat.exact(point.step) }
        if point.time.isFinite { return TimeFormat.iso(point.time) }
        return "?"
    }

    /// `1.2 (step 40), 3.4 (step 41)`.
    static func values(_ points: [Point]) -> String {
        points.map { "\(value($0.value)) (\(position($0)))" }.joined(separator: ", ")
    }

    /// A ratio such as `3.92×`.
    static func times(_ ratio: Double) -> String {
        "\(NumberFormat.fixed(ratio, decimals: ratio >= 100 ? 0 : 2))×"
    }

    /// A fraction as a percentage such as `12.5%`.
    static func percent(_ fraction: Double) -> String {
        "\(NumberFormat.fixed(fraction * 100, decimals: 1))%"
    }
}

extension Incident {
    /// Sets start and end step and time from the first and last points of the evidence.
    mutating func span(from first: Point, to last: Point) {
        startStep = first.step.isFinite ? first.step : nil
        endStep = last.step.isFinite ? last.step : nil
        startTime = first.time.isFinite ? first.time : nil
        endTime = last.time.isFinite ? last.time : nil
    }
}

extension SeriesDescriptor {
    /// Where `point` sits on this series' axis.
    @inline(__always)
    func position(of point: Point) -> Double {
        axis.position(of: point)
    }
}
