/// A threshold that a metric must stay past for a while before it is an incident.
struct StretchRule {
    /// The detector id the incident carries.
    var id: String
    /// The role of the series the rule watches.
    var role: MetricRole
    /// True when values above the threshold break the rule, false when values below do.
    var above: Bool
    var threshold: Double
    var severity: Severity
    /// How long (seconds) the rule must be broken for.
    var minSeconds: Double
    /// The unit after values: `%` or ` °C`.
    var unit: String

    /// True for a rule in percent, whose series may be logged as fractions of 1
    /// (``StretchReading``).
    var isPercent: Bool { unit == "%" }

    /// True when `value` breaks the rule.
    func breaks(_ value: Double) -> Bool {
        above ? value > threshold : value < threshold
    }

    /// `below 50%`, `above 85 °C`.
    var phrase: String {
        (above ? "above " : "below ") + text(threshold)
    }

    /// A value with the rule's unit.
    func text(_ value: Double) -> String {
        FleetMath.compact(value) + unit
    }
}

/// One stretch of consecutive samples that broke a rule.
struct Stretch {
    var firstStep: Double
    var firstTime: Double
    var lastStep: Double
    var lastTime: Double
    /// Samples that broke the rule.
    var count = 0
    /// The worst value: highest for `above` rules, lowest for `below` rules.
    var peak: Double
    var file: Int32
    var line: Int32

    /// Starts a stretch at `point`.
    init(_ point: Point) {
        firstStep = point.step
        firstTime = point.time
        lastStep = point.step
        lastTime = point.time
        peak = point.value
        file = point.file
        line = point.line
    }

    /// True when both ends carry a time.
    var timed: Bool { firstTime.isFinite && lastTime.isFinite }

    /// Seconds from the first to the last sample.
    var seconds: Double { lastTime - firstTime }

    /// Steps from the first to the last sample.
    var steps: Double { lastStep - firstStep }

    /// Adds a breaking sample.
    mutating func extend(_ point: Point, above: Bool) {
        lastStep = point.step
        lastTime = point.time
        count += 1
        peak = above ? max(peak, point.value) : min(peak, point.value)
    }

    /// Joins a later stretch.
    mutating func absorb(_ later: Stretch, above: Bool) {
        lastStep = later.lastStep
        lastTime = later.lastTime
        count += later.count
        peak = above ? max(peak, later.peak) : min(peak, later.peak)
    }
}
