import Foundation

/// Writes `summary.json`: the whole result for machines, versioned with `"schema": 1`.
public enum SummaryJSON {
    /// The schema version written.
    public static let schema = 1

    /// The document, as it is encoded.
    public struct Document: Codable, Sendable {
        public var schema: Int
        public var tool: String
        public var version: String
        public var verdict: Verdict
        public var accounting: Accounting
        public var inputs: [InputSummary]
        public var skipped: [SkippedInput]
        public var inputErrors: [String]
        /// Values dropped by the `--max-fields` and `--max-series` limits.
        public var fieldsDropped: Int
        public var seriesDropped: Int
        public var overview: RunOverview
        public var roles: [String: String]
        public var metrics: [MetricEntry]
        public var incidents: [Incident]
        /// Request statistics, for logs of model servers and load tests.
        public var serving: ServingSummary?
        /// The figures a digest row shows (absent in summaries written before digests existed).
        public var run: RunFigures?
        /// This run against `--baseline`'s (absent without one, and in older summaries).
        public var baseline: BaselineComparison? = nil
        /// The configuration file and what it changed (absent in older summaries).
        public var settings: ConfigChanges? = nil
    }

    /// One series' whole-run figures.
    public struct MetricEntry: Codable, Sendable {
        public var name: String
        public var rank: Int?
        public var device: Int?
        public var role: MetricRole?
        public var axis: Axis
        public var stats: StatRow
        public var windows: Int
        /// Multiplier into the role's canonical unit (ms for latencies).
        public var scale: Double?
        /// Counts, sums, moments and the quantile sketch, so summaries merge.
        public var mergeable: RunStats?
    }

    /// The verdict: how many incidents at each severity and whether the run passed.
    public struct Verdict: Codable, Sendable {
        public var status: String
        public var failOn: String
        public var incidents: [String: Int]

        /// The document form of `verdict`.
        public init(verdict: RunLens.Verdict) {
            status = verdict.status.lowercased()
            failOn = verdict.failOn?.name ?? "never"
            var counts: [String: Int] = [:]
            for severity in Severity.allCases {
                counts[severity.name] = verdict.counts[severity] ?? 0
            }
            incidents = counts
        }
    }

    /// Builds the document for `result`.
    public static func document(_ result: AnalysisResult, version: String) -> Document {
        var roles: [String: String] = [:]
        for series in result.series {
            if let role = series.role { roles[series.name] = role.rawValue }
        }
        let metrics = result.series.map {
            MetricEntry(
                name: $0.name, rank: $0.rank, device: $0.device, role: $0.role, axis: $0.axis,
                stats: $0.stats, windows: $0.windows.count, scale: $0.scale,
                mergeable: $0.mergeable)
        }
        var document = Document(
            schema: schema, tool: "runlens", version: version,
            verdict: Verdict(verdict: RunLens.Verdict(incidents: [], failOn: .critical)),
            accounting: result.accounting,
            inputs: result.inputs, skipped: result.skipped,
            inputErrors: result.inputErrors.map(\.description),
            fieldsDropped: result.fieldsDropped, seriesDropped: result.seriesDropped,
            overview: result.overview,
            roles: roles, metrics: metrics, incidents: [], serving: nil,
            run: RunFigures(name: result.runName, metrics: metrics, overview: result.overview))
        document.settings = result.settings
        return document
    }

    /// Encodes `document` as stable, pretty-printed JSON (keys sorted), the text
    /// `JSONEncoder` would write with the options `PrettyJSONEncoder` names.
    public static func encode(_ document: Document) throws -> String {
        var bytes = try PrettyJSONEncoder.encode(document)
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
