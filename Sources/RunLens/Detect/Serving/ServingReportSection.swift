/// Writes the serving section of `report.md`: the whole log, latency distributions, the
/// error budget, errors by type, model versions side by side, and one row per window.
public enum ServingReportSection {
    /// Window rows written before the table is cut short.
    public static let maxWindowRows = 300

    /// The section, starting with a level-2 heading.
    public static func render(_ summary: ServingSummary) -> String {
        var parts = ["## Serving\n\n" + headline(summary)]
        parts.append(distributions(summary.overall))
        parts.append(targets(summary) + "\n\n" + budget(summary.budget) + "\n")
        if !summary.overall.errorTypes.isEmpty { parts.append(errorTypes(summary.overall)) }
        if summary.versions.count > 1 { parts.append(versions(summary)) }
        if !summary.windows.isEmpty { parts.append(windows(summary)) }
        if !summary.notes.isEmpty {
            parts.append(summary.notes.map { "- \($0)" }.joined(separator: "\n") + "\n")
        }
        return parts.joined(separator: "\n")
    }

    private static func headline(_ summary: ServingSummary) -> String {
        let stats = summary.overall
        var text = "\(stats.requests) requests, "
        text += stats.outcomesLogged ? "\(stats.failed) failed" : "outcomes not logged"
        if let rate = stats.errorRate { text += " (\(ServingFormat.percent(rate)))" }
        if let first = summary.firstTime, let last = summary.lastTime {
            let axis = summary.axis
            let relative = summary.timeIsRelative
            text += ", from \(ServingFormat.position(first, axis: axis, relative: relative))"
            text += " to \(ServingFormat.position(last, axis: axis, relative: relative))"
            text += " (\(TimeFormat.duration(last - first)))"
        }
        if let rate = stats.requestsPerSecond { text += "; \(NumberFormat.short(rate)) requests/s" }
        if let tokens = stats.tokensPerSecond { text += ", \(NumberFormat.short(tokens)) tokens/s" }
        if let output = stats.outputTokensPerSecond {
            text += " (\(NumberFormat.short(output)) generated)"
        }
        return text + ".\n"
    }

    private static func distributions(_ stats: ServingStats) -> String {
        var table = MarkdownTable(
            ["metric", "count", "mean", "p50", "p95", "p99", "max"], alignRight: Set(1...6))
        let rows: [(String, Distribution?)] = [
            ("latency (ms)", stats.latency), ("TTFT (ms)", stats.ttft),
            ("inter-token latency (ms)", stats.interTokenLatency),
            ("input tokens", stats.inputTokens), ("output tokens", stats.outputTokens),
        ]
        for (name, distribution) in rows {
            guard let distribution else { continue }
            let label = distribution.exact ? name : name + " (sketch, ≤ 0.5% error)"
            table.add(
                [label, String(distribution.count)]
                    + [
                        distribution.mean, distribution.p50, distribution.p95, distribution.p99,
                        distribution.max,
                    ]
                    .map { NumberFormat.short($0) })
        }
        let timed = [stats.latency, stats.ttft, stats.interTokenLatency].contains { $0 != nil }
        return table.text + (timed ? "\nLatencies cover successful requests only.\n" : "")
    }

    private static func targets(_ summary: ServingSummary) -> String {
        let order = ["latency_p95", "latency_p99", "ttft_p95", "ttft_p99"]
        let parts = order.compactMap { name in
            summary.targets[name].map { "\(name) ≤ \(ServingFormat.milliseconds($0))" }
        }
        let availability = ServingFormat.percent(summary.budget.availabilityTarget)
        return "Targets: " + (parts + ["availability ≥ \(availability)"]).joined(separator: ", ")
            + "."
    }

    private static func budget(_ budget: ErrorBudget) -> String {
        guard budget.outcomesLogged else {
            return "**Error budget:** not judged: no request records how it ended."
        }
        let allowed = budget.budgetFraction * Double(budget.requests)
        var text = "**Error budget:** \(budget.failed) of \(budget.requests) requests failed; a "
        text += "\(ServingFormat.percent(budget.budgetFraction)) budget allows "
        text += "\(ServingFormat.factor(allowed)) failures"
        if let consumed = budget.consumed {
            text +=
                consumed < 10
                ? ": \(ServingFormat.percent(consumed)) of it consumed"
                : ": \(ServingFormat.factor(consumed)) times the budget consumed"
        }
        return text + "."
    }

    private static func errorTypes(_ stats: ServingStats) -> String {
        var table = MarkdownTable(
            ["error type", "requests", "share of all requests"], alignRight: [1, 2])
        for entry in stats.errorTypes {
            table.add([entry.type, String(entry.count), ServingFormat.percent(entry.rate)])
        }
        return "### Errors by type\n\n" + table.text
    }

    private static func versions(_ summary: ServingSummary) -> String {
        var table = MarkdownTable(
            [
                "version", "requests", "error rate", "latency p50", "latency p95", "latency p99",
                "TTFT p95", "tokens/s",
            ], alignRight: Set(1...7))
        for version in summary.versions {
            let stats = version.overall
            table.add([
                version.version, String(stats.requests),
                stats.errorRate.map(ServingFormat.percent) ?? "–",
                NumberFormat.short(stats.latency?.p50), NumberFormat.short(stats.latency?.p95),
                NumberFormat.short(stats.latency?.p99), NumberFormat.short(stats.ttft?.p95),
                NumberFormat.short(stats.tokensPerSecond),
            ])
        }
        return "### Model versions\n\n" + table.text
    }

    private static func windows(_ summary: ServingSummary) -> String {
        let width =
            summary.axis == .time
            ? BurnWindow.durationLabel(summary.windowWidth) + " windows"
            : "windows of \(Int(summary.windowWidth)) requests"
        var table = MarkdownTable(
            [
                "window", "requests", "req/s", "tokens/s", "failed", "error rate", "latency p50",
                "p95", "p99", "max", "TTFT p95",
            ], alignRight: Set(1...10))
        for window in summary.windows.prefix(maxWindowRows) {
            table.add(row(window, summary))
        }
        var text = "### Requests by window (\(width))\n\n" + table.text
        if summary.windows.count > maxWindowRows {
            let more = summary.windows.count - maxWindowRows
            text += "\n… \(more) more windows in `summary.json`.\n"
        }
        return text
    }

    private static func row(_ window: ServingWindow, _ summary: ServingSummary) -> [String] {
        let stats = window.stats
        let label: String
        if summary.axis == .time {
            label = ServingFormat.position(
                window.start, axis: .time, relative: summary.timeIsRelative)
        } else {
            label = "\(Int(window.start))–\(Int(window.end))"
        }
        return [
            label, String(stats.requests), NumberFormat.short(stats.requestsPerSecond),
            NumberFormat.short(stats.tokensPerSecond),
            stats.outcomesLogged ? String(stats.failed) : "–",
            stats.errorRate.map(ServingFormat.percent) ?? "–",
            NumberFormat.short(stats.latency?.p50),
            NumberFormat.short(stats.latency?.p95), NumberFormat.short(stats.latency?.p99),
            NumberFormat.short(stats.latency?.max), NumberFormat.short(stats.ttft?.p95),
        ]
    }
}
