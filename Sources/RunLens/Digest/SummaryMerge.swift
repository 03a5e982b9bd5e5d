/// Merges the summaries of several parts of one run (shards of a log, or the ranks of a run
/// analyzed where each was written) into the summary of the whole run.
///
/// Counts, non-finite counts, sums, extremes and the first and last values merge exactly;
/// means and standard deviations merge with the pairwise formula (equal up to rounding);
/// quantiles come from the merged sketches, within 0.5% of the exact quantile of the whole.
/// Series are matched by name, rank, device and axis. The moving average is the latest
/// part's, so parts are taken in order of their start (time, then step). Incidents are kept
/// as each part found them: a detector that needs the whole run at once (a straggler among
/// ranks analyzed apart) cannot see across parts. The `serving` block (request windows) does
/// not merge and is left out; the run block's latency and error rate cover the whole.
public enum SummaryMerge {
    /// The summary of the run made of `parts`, named after the first part.
    ///
    /// - Throws: ``SummaryMergeError`` when there is no part, or when a part has a series
    ///   without mergeable statistics (written before summaries could merge).
    public static func merge(_ parts: [SummaryJSON.Document]) throws(SummaryMergeError)
        -> SummaryJSON.Document
    {
        let parts = ordered(parts)
        guard var merged = parts.first else { throw .noParts }
        guard parts.count > 1 else { return merged }

        for part in parts.dropFirst() { add(part, to: &merged) }
        merged.metrics = try mergedMetrics(parts)
        merged.incidents = Verdict.rank(parts.flatMap(\.incidents))
        merged.serving = nil

        let failOn = Severity(name: merged.verdict.failOn)
        let verdict = Verdict(incidents: merged.incidents, failOn: failOn)
        merged.verdict = SummaryJSON.Verdict(verdict: verdict)
        let name = merged.run?.name ?? RunName(name: "run", given: false)
        merged.run = RunFigures(name: name, metrics: merged.metrics, overview: merged.overview)
        return merged
    }

    /// Parts by start: wall-clock time, then step; parts without either keep their order last.
    static func ordered(_ parts: [SummaryJSON.Document]) -> [SummaryJSON.Document] {
        let keyed = parts.enumerated().map { (offset, part) in
            let start = part.overview.timeIsRelative ? nil : part.overview.firstTime
            return (start: start ?? .infinity, step: part.overview.firstStep ?? .infinity, offset)
        }
        let order = keyed.sorted { ($0.start, $0.step, $0.2) < ($1.start, $1.step, $1.2) }
        return order.map { parts[$0.2] }
    }

    private static func add(_ part: SummaryJSON.Document, to merged: inout SummaryJSON.Document) {
        merged.accounting.add(part.accounting)
        merged.inputs += part.inputs
        merged.skipped += part.skipped
        merged.inputErrors += part.inputErrors
        merged.overview.merge(part.overview)
        merged.roles.merge(part.roles) { first, _ in first }
    }

    private static func mergedMetrics(_ parts: [SummaryJSON.Document]) throws(SummaryMergeError)
        -> [SummaryJSON.MetricEntry]
    {
        var order: [MetricKey] = []
        var byKey: [MetricKey: SummaryJSON.MetricEntry] = [:]
        for part in parts {
            for entry in part.metrics {
                guard let stats = entry.mergeable else {
                    throw .notMergeable(run: part.run?.name.name ?? "run", metric: entry.name)
                }
                let key = MetricKey(entry)
                guard var existing = byKey[key] else {
                    order.append(key)
                    byKey[key] = entry
                    continue
                }
                existing.add(entry, statistics: stats)
                byKey[key] = existing
            }
        }
        return order.compactMap { byKey[$0] }
    }
}

/// Why summaries could not be merged.
public enum SummaryMergeError: Error, Equatable, CustomStringConvertible {
    /// Nothing to merge.
    case noParts
    /// A series without mergeable statistics.
    case notMergeable(run: String, metric: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .noParts:
            return "no summary to merge"
        case .notMergeable(let run, let metric):
            return "cannot merge run '\(run)': metric '\(metric)' has no mergeable statistics "
                + "(summary written before summaries could merge; analyze the log again)"
        }
    }
}

/// A series' identity across parts.
struct MetricKey: Hashable {
    var name: String
    var rank: Int?
    var device: Int?
    var axis: Axis

    init(_ entry: SummaryJSON.MetricEntry) {
        name = entry.name
        rank = entry.rank
        device = entry.device
        axis = entry.axis
    }
}

extension SummaryJSON.MetricEntry {
    /// Adds a later part of the same series; the statistics row is rebuilt from the merged
    /// moments and sketch.
    mutating func add(_ other: SummaryJSON.MetricEntry, statistics: RunStats) {
        guard var merged = mergeable else { return }

        merged.merge(statistics)
        mergeable = merged
        stats = SeriesStatistics.row(merged)
        windows += other.windows
        role = role ?? other.role
        scale = scale ?? other.scale
    }
}
