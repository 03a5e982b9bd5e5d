import Foundation

/// An earlier run's `summary.json`, read for `--baseline`: the parts a comparison needs.
///
/// Only `schema` and `tool` are required, so summaries written by earlier versions of
/// schema 1 (without a `run` or `serving` block) still load; what they lack is not compared.
public struct BaselineSummary: Decodable, Sendable {
    /// `1`.
    public var schema: Int
    /// `runlens`.
    public var tool: String
    /// The run's figures.
    public var run: RunFigures?
    /// One entry per series.
    public var metrics: [SummaryJSON.MetricEntry]?
    /// Request statistics, for serving runs.
    public var serving: ServingSummary?
    /// The file it was read from.
    public var path = ""

    private enum CodingKeys: String, CodingKey {
        case schema, tool, run, metrics, serving
    }

    /// Reads `path`: a `summary.json`, or a report folder holding one.
    public static func load(path: String) throws(BaselineError) -> BaselineSummary {
        var file = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            file = (path as NSString).appendingPathComponent("summary.json")
        }
        guard FileManager.default.fileExists(atPath: file) else {
            throw BaselineError(path: file, reason: LinkTrouble.reason(at: file) ?? "no such file")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BaselineError(path: file, reason: "cannot read the file")
        }
        do {
            var summary = try SummaryJSON.decode(BaselineSummary.self, data) {
                ($0.schema, $0.tool)
            }
            summary.path = file
            return summary
        } catch .notJSON {
            // Most often a log given where its analysis's summary was meant.
            throw BaselineError(
                path: file,
                reason: "not JSON; --baseline takes the summary.json of an earlier analysis, "
                    + "or its report folder")
        } catch {
            throw BaselineError(path: file, reason: error.description)
        }
    }

    /// The figures to compare.
    public var figures: ComparableFigures {
        ComparableFigures(metrics: metrics ?? [], run: run, serving: serving)
    }

    /// The last value of each eval score, for `quality_regression`.
    public var qualityScores: [String: Double] {
        var scores: [String: Double] = [:]
        let quality = (metrics ?? []).filter { $0.role == .quality }
        for (name, series) in Dictionary(grouping: quality, by: \.name) {
            if let last = RunFigures.finalValue(series), last.isFinite { scores[name] = last }
        }
        return scores
    }
}
