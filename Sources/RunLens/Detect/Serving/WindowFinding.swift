/// One window that broke a rule, with the requests that broke it.
struct WindowFinding {
    /// The window.
    var window: ServingWindow
    /// The figure that broke the rule: a quantile in ms, or an error rate.
    var value: Double
    /// Requests that broke it (slower than the threshold, or failed).
    var affected: Int
    /// Requests judged.
    var judged: Int
    /// The earliest and latest offending request.
    var first: RequestRef?
    var last: RequestRef?
    /// One line of evidence for this window.
    var evidence: String

    /// Groups findings whose windows are at most `gapWindows` windows apart.
    static func group(_ findings: [WindowFinding], width: Double, gapWindows: Int)
        -> [[WindowFinding]]
    {
        var groups: [[WindowFinding]] = []
        let reach = width * Double(max(0, gapWindows) + 1) + width * 1e-9
        for finding in findings {
            if let last = groups.last?.last, finding.window.start - last.window.start <= reach {
                groups[groups.count - 1].append(finding)
            } else {
                groups.append([finding])
            }
        }
        return groups
    }
}

extension WindowFinding {
    /// A finding for `window` from what its figure exceeded.
    init(window: ServingWindow, excess: SLOExcess, evidence: String) {
        self.init(
            window: window, value: excess.value, affected: excess.affected,
            judged: excess.judged, first: excess.first, last: excess.last, evidence: evidence)
    }
}

/// Turns a group of consecutive findings into one incident.
struct FindingGroup {
    let findings: [WindowFinding]
    let axis: WindowAxis
    let relative: Bool

    /// The earliest offending request of the group.
    var first: RequestRef? {
        findings.compactMap(\.first).min { $0.isBefore($1) }
    }

    /// The latest offending request of the group.
    var last: RequestRef? {
        findings.compactMap(\.last).max { $0.isBefore($1) }
    }

    /// The finding with the worst value.
    var worst: WindowFinding? {
        findings.max { $0.value < $1.value }
    }

    /// Offending and judged requests over the group.
    var affected: Int { findings.reduce(0) { $0 + $1.affected } }
    var judged: Int { findings.reduce(0) { $0 + $1.judged } }

    /// `from X to Y`, by the offending requests (window bounds when they are unknown).
    var span: String {
        let start = startPosition.map { ServingFormat.position($0, axis: axis, relative: relative) }
        let end = endPosition.map { ServingFormat.position($0, axis: axis, relative: relative) }
        return "from \(start ?? "?") to \(end ?? "?")"
    }

    /// `template` with position, peak, count, location and evidence filled in.
    func incident(_ template: Incident, context: DetectionContext) -> Incident {
        var incident = template
        if axis == .time {
            incident.startTime = startPosition
            incident.endTime = endPosition
        } else {
            incident.startStep = startPosition
            incident.endStep = endPosition
        }
        incident.peak = worst?.value
        incident.count = findings.count
        if let first {
            let point = Point(step: .nan, time: .nan, value: 0, line: first.line, file: first.file)
            incident.location = context.location(of: point)
        }
        incident.evidence = findings.prefix(12).map(\.evidence)
        if findings.count > 12 {
            incident.evidence.append("… and \(findings.count - 12) more windows")
        }
        return incident
    }

    private var startPosition: Double? {
        guard let first else { return findings.first?.window.start }
        return axis == .time ? first.time ?? findings.first?.window.start : Double(first.ordinal)
    }

    private var endPosition: Double? {
        guard let last else { return findings.last?.window.end }
        return axis == .time ? last.time ?? findings.last?.window.end : Double(last.ordinal)
    }
}
