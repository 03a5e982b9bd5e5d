/// One moment a detector's rule held: a point or a window that broke the rule.
public struct Firing: Sendable, Equatable {
    /// Step of the firing, or `nil` for time-indexed series.
    public var step: Double?
    /// Time of the firing, or `nil`.
    public var time: Double?
    /// The value that broke the rule.
    public var value: Double
    /// Where it was read, `file:line`, when known.
    public var location: String?

    /// Creates a firing.
    public init(step: Double?, time: Double?, value: Double, location: String? = nil) {
        self.step = step
        self.time = time
        self.value = value
        self.location = location
    }

    /// The position on the axis used for merging: the step, else the time.
    var position: Double { step ?? time ?? 0 }
}

/// Merges consecutive firings of one rule on one series into incidents: a firing within
/// `cooldown` (steps or seconds) of the previous one extends the current incident.
public struct FiringMerger {
    /// The gap that still joins two firings into one incident.
    public let cooldown: Double
    /// True when a higher value is worse (the peak is the maximum), else the minimum.
    public let higherIsWorse: Bool
    private(set) var groups: [[Firing]] = []

    /// Creates a merger.
    public init(cooldown: Double, higherIsWorse: Bool = true) {
        self.cooldown = cooldown
        self.higherIsWorse = higherIsWorse
    }

    /// Adds a firing; firings must arrive in position order.
    public mutating func add(_ firing: Firing) {
        if let last = groups.last?.last, firing.position - last.position <= cooldown {
            groups[groups.count - 1].append(firing)
        } else {
            groups.append([firing])
        }
    }

    /// One incident per group, from `template` (severity, detector, metric, rank, device,
    /// threshold) with start, end, peak, count and location filled in; `message` words it.
    public func incidents(
        template: Incident, message: (_ group: [Firing], _ peak: Double) -> String
    ) -> [Incident] {
        groups.compactMap { group in
            guard let first = group.first, let last = group.last else { return nil }
            let values = group.map(\.value)
            let peak = (higherIsWorse ? values.max() : values.min()) ?? first.value
            var incident = template
            incident.startStep = first.step
            incident.endStep = last.step
            incident.startTime = first.time
            incident.endTime = last.time
            incident.peak = peak
            incident.count = group.count
            incident.location = first.location
            incident.message = message(group, peak)
            return incident
        }
    }
}
