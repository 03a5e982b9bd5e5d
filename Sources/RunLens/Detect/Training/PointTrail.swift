/// The last three points of a series, kept so an incident can show the values before it.
///
/// Held inline rather than in an array, so appending touches no heap buffer and needs no
/// uniqueness check; the three slots form a ring, so appending writes one point instead of
/// moving the other two along, on every point of the series.
struct PointTrail {
    /// How many points are kept.
    static let capacity = 3
    private var slot0 = Self.none
    private var slot1 = Self.none
    private var slot2 = Self.none
    /// The slot the next point goes to; once full, the slot of the oldest point.
    private var next = 0
    private var count = 0

    private static let none = Point(step: .nan, time: .nan, value: .nan, line: 0, file: -1)

    /// The points held, oldest first.
    var points: [Point] {
        let slots = [slot0, slot1, slot2]
        guard count == Self.capacity else { return Array(slots.prefix(count)) }
        return (0..<Self.capacity).map { slots[(next + $0) % Self.capacity] }
    }

    /// Adds `point`, forgetting the oldest beyond ``capacity``.
    @inline(__always)
    mutating func append(_ point: Point) {
        switch next {
        case 0:
            slot0 = point
            next = 1
        case 1:
            slot1 = point
            next = 2
        default:
            slot2 = point
            next = 0
        }
        if count < Self.capacity { count += 1 }
    }

    /// Forgets every point.
    mutating func removeAll() {
        count = 0
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

    /// Two values to be read side by side, in one format: with the digits ``value(_:)`` gives
    /// the larger, so that `2` beside `2.0004` reads `2.000` against `2.000`, not `2` against
    /// `2.000`. Whole numbers both, values past fixed notation, and non-finite ones are each
    /// written as ``value(_:)`` writes them.
    static func pair(_ first: Double, _ second: Double) -> (String, String) {
        let larger = max(abs(first), abs(second))
        let smaller = min(abs(first), abs(second))
        let whole = first == first.rounded() && second == second.rounded()
        guard first.isFinite, second.isFinite, !whole, larger < 1e6, smaller == 0 || smaller >= 1e-3
        else { return (value(first), value(second)) }
        let decimals = larger >= 100 ? 1 : (larger >= 1 ? 3 : 4)
        return (
            NumberFormat.fixed(first, decimals: decimals),
            NumberFormat.fixed(second, decimals: decimals)
        )
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
