/// `error_budget_burn`: the SRE Workbook's multi-window, multi-burn-rate alerts, replayed
/// minute by minute over a timed request log.
///
/// At the end of each minute, each window pair compares the error ratio over its long and
/// its short window with `factor × budget`; it fires when both exceed it and the long
/// window holds at least `burnMinFailed` failed requests (a minimum-traffic guard judged on
/// absolute counts, so five requests cannot page anyone while a trickle failing for hours
/// still does). A short window without requests keeps its last verdict.
///
/// A long window reaching before the log's start covers only part of its span, and the
/// ratio over that part says little about the whole window: a burst in a 30-minute log is
/// not a 6-hour burn. Such a window fires only when the burn is certain over the whole
/// window: when it would pass `factor` even if the uncovered part had the covered part's
/// traffic and no failure (the covered ratio × covered / long). A fully covered window
/// is judged as the Workbook says; the incident names the span covered. Firings of one
/// severity merge within the cooldown; a warning overlapping a critical incident is folded
/// into it.
struct BurnRateRule {
    let settings: ServingSettings

    /// One minute at which a window pair fired.
    struct Firing {
        var window: BurnWindow
        /// Minute offsets from the log's first minute: the short window's start, the end.
        var shortStart: Int
        var end: Int
        var longRate: Double
        /// The burn rate over the whole long window when its uncovered part was clean.
        var provenRate: Double
        var shortRate: Double
        var longFailed: Int
        var longRequests: Int
        var coveredMinutes: Int
    }

    /// Cumulative counts per minute from the log's first minute.
    struct PrefixSums {
        var first: Int64
        var requests: [Int]
        var failed: [Int]

        /// The first and last minute with failures of the bad stretch between minute
        /// offsets `from` and `to`: from the first short window (ending in that range) whose
        /// error ratio is above `limit`, to the last one.
        func badStretch(from: Int, to: Int, short: Int, limit: Double) -> (first: Int, last: Int)? {
            let ends = max(1, from)...max(1, min(to, requests.count - 1))
            guard let firstEnd = ends.first(where: { hot($0, short, limit) }),
                let lastEnd = ends.last(where: { hot($0, short, limit) }),
                let first = (max(0, firstEnd - short)..<firstEnd).first(where: failing),
                let last = (max(0, lastEnd - short)..<lastEnd).last(where: failing)
            else { return nil }
            return (first, last)
        }

        private func hot(_ end: Int, _ short: Int, _ limit: Double) -> Bool {
            let start = max(0, end - short)
            let count = requests[end] - requests[start]
            return count > 0 && Double(failed[end] - failed[start]) / Double(count) > limit
        }

        private func failing(_ offset: Int) -> Bool {
            failed[offset + 1] > failed[offset]
        }
    }

    /// The incidents of the counts.
    func incidents(_ minutes: MinuteCounts, context: DetectionContext) -> [Incident] {
        guard let raw = minutes.prefixSums(), settings.budgetFraction > 0 else { return [] }
        let sums = PrefixSums(first: raw.first, requests: raw.requests, failed: raw.failed)
        var firings: [Firing] = []
        for window in settings.burnWindows { firings += fire(window, sums.requests, sums.failed) }

        var groups: [[Firing]] = []
        for severity in Severity.allCases.reversed() {
            let own = firings.filter { $0.window.severity == severity }.sorted { $0.end < $1.end }
            groups += merge(own)
        }
        let kept = absorb(groups)
        return kept.compactMap { incident($0.group, absorbed: $0.absorbed, sums, minutes, context) }
    }

    /// Every minute at which `window` fires.
    func fire(_ window: BurnWindow, _ requests: [Int], _ failed: [Int]) -> [Firing] {
        let span = requests.count - 1
        let long = max(1, Int((window.longSeconds / 60).rounded(.up)))
        let short = max(1, Int((window.shortSeconds / 60).rounded(.up)))
        let limit = window.factor * settings.budgetFraction
        var shortHot = false
        var found: [Firing] = []
        for end in 1...max(1, span) where end >= min(short, span) {
            let shortStart = max(0, end - short)
            let shortRequests = requests[end] - requests[shortStart]
            if shortRequests > 0 {
                shortHot = Double(failed[end] - failed[shortStart]) / Double(shortRequests) > limit
            }
            let longStart = max(0, end - long)
            let longRequests = requests[end] - requests[longStart]
            let longFailed = failed[end] - failed[longStart]
            guard shortHot, longFailed >= settings.burnMinFailed, longRequests > 0 else { continue }

            let longRatio = Double(longFailed) / Double(longRequests)
            let provenRatio = longRatio * Double(end - longStart) / Double(long)
            guard provenRatio > limit else { continue }
            let shortRatio =
                Double(failed[end] - failed[shortStart]) / Double(max(1, shortRequests))
            found.append(
                Firing(
                    window: window, shortStart: shortStart, end: end,
                    longRate: longRatio / settings.budgetFraction,
                    provenRate: provenRatio / settings.budgetFraction,
                    shortRate: shortRatio / settings.budgetFraction, longFailed: longFailed,
                    longRequests: longRequests, coveredMinutes: end - longStart))
        }
        return found
    }

    private func merge(_ firings: [Firing]) -> [[Firing]] {
        let cooldown = Int((settings.burnCooldownSeconds / 60).rounded(.up))
        var groups: [[Firing]] = []
        for firing in firings {
            if let last = groups.last?.last, firing.shortStart - last.end <= cooldown {
                groups[groups.count - 1].append(firing)
            } else {
                groups.append([firing])
            }
        }
        return groups
    }

    /// Drops groups overlapping a more severe group, remembering them in it.
    private func absorb(_ groups: [[Firing]]) -> [(group: [Firing], absorbed: [Firing])] {
        var kept: [(group: [Firing], absorbed: [Firing])] = []
        for group in groups {
            guard let severity = group.first?.window.severity else { continue }
            let span = Self.span(group)
            let host = kept.firstIndex { other in
                let otherSpan = Self.span(other.group)
                let worse = (other.group.first?.window.severity ?? severity) > severity
                return worse && span.start <= otherSpan.end && otherSpan.start <= span.end
            }
            if let host {
                kept[host].absorbed += group
            } else {
                kept.append((group, []))
            }
        }
        return kept
    }

    /// Orders firings by long-window burn rate, then by how much of the window the log covers.
    private static func lessSevere(_ lhs: Firing, _ rhs: Firing) -> Bool {
        lhs.longRate != rhs.longRate
            ? lhs.longRate < rhs.longRate : lhs.coveredMinutes < rhs.coveredMinutes
    }

    private static func span(_ group: [Firing]) -> (start: Int, end: Int) {
        (group.map(\.shortStart).min() ?? 0, group.map(\.end).max() ?? 0)
    }

    private func incident(
        _ group: [Firing], absorbed: [Firing], _ sums: PrefixSums, _ minutes: MinuteCounts,
        _ context: DetectionContext
    ) -> Incident? {
        guard let worst = group.max(by: Self.lessSevere),
            let firstFiring = group.first
        else { return nil }
        let span = Self.span(group)
        let short = max(1, Int((worst.window.shortSeconds / 60).rounded(.up)))
        let limit = worst.window.factor * settings.budgetFraction
        let bad = sums.badStretch(from: span.start, to: span.end, short: short, limit: limit)
        let start = Double(sums.first + Int64(bad?.first ?? span.start)) * 60
        let end = Double(sums.first + Int64((bad?.last ?? span.end - 1) + 1)) * 60

        var incident = Incident(
            severity: worst.window.severity, detector: "error_budget_burn", metric: "error_budget",
            startTime: start, endTime: end, peak: worst.longRate, threshold: worst.window.factor,
            count: group.count, message: message(worst))
        incident.evidence = evidence(group) + evidence(absorbed).map { "also fired: " + $0 }
        let firstFired = Double(sums.first + Int64(firstFiring.end)) * 60
        incident.evidence.append("alert first fired at \(TimeFormat.iso(firstFired))")
        let from = sums.first + Int64(bad?.first ?? span.start)
        if let ref = firstFailure(minutes, from: from, to: sums.first + Int64(span.end)) {
            let point = Point(step: .nan, time: .nan, value: 0, line: ref.line, file: ref.file)
            incident.location = context.location(of: point)
        }
        return incident
    }

    private func message(_ worst: Firing) -> String {
        let window = worst.window
        let days = settings.burnPeriodDays / max(worst.longRate, 1e-9)
        return "error budget burning at \(ServingFormat.factor(worst.longRate))× over "
            + span(worst)
            + " (alert: \(ServingFormat.factor(window.factor))× over both \(window.label)); "
            + "\(worst.longFailed) of \(worst.longRequests) requests failed in that span; "
            + "a \(ServingFormat.factor(settings.burnPeriodDays))-day budget would last "
            + "\(ServingFormat.factor(days)) days at this rate"
    }

    /// The long window, or the part of it the log covers and the rate proven over all of it.
    private func span(_ firing: Firing) -> String {
        let longLabel = BurnWindow.durationLabel(firing.window.longSeconds)
        let covered = Double(firing.coveredMinutes) * 60
        guard covered < firing.window.longSeconds else { return longLabel }
        return "the \(TimeFormat.duration(covered)) the log covers of the \(longLabel) window "
            + "(at least \(ServingFormat.factor(firing.provenRate))× over all \(longLabel), "
            + "were the time before the log failure-free at the same traffic)"
    }

    private func evidence(_ firings: [Firing]) -> [String] {
        var byWindow: [String: [Firing]] = [:]
        var order: [String] = []
        for firing in firings {
            let key = "\(firing.window.label) \(firing.window.factor)"
            if byWindow[key] == nil { order.append(key) }
            byWindow[key, default: []].append(firing)
        }
        return order.compactMap { key in
            guard let list = byWindow[key], let firstFiring = list.first,
                let peak = list.max(by: { $0.longRate < $1.longRate })
            else { return nil }
            let window = firstFiring.window
            return "\(ServingFormat.factor(window.factor))× over \(window.label) "
                + "(\(window.severity.name)): fired for \(list.count) minutes; peak "
                + "\(ServingFormat.factor(peak.longRate))× long, "
                + "\(ServingFormat.factor(peak.shortRate))× short"
        }
    }

    private func firstFailure(_ minutes: MinuteCounts, from start: Int64, to end: Int64)
        -> RequestRef?
    {
        minutes.firstFailure.filter { $0.key >= start && $0.key <= end }.values.min {
            $0.isBefore($1)
        }
    }
}
