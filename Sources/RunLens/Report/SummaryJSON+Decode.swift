import Foundation

extension SummaryJSON {
    /// The fields that say whether a JSON file is a runlens summary.
    private struct Header: Decodable {
        var schema: Int?
        var tool: String?
    }

    /// The document for an analysis, its incidents and its verdict, as `analyze` writes it.
    public static func document(
        _ result: AnalysisResult, verdict: RunLens.Verdict, version: String
    ) -> Document {
        var document = document(result, version: version)
        document.verdict = Verdict(verdict: verdict)
        document.incidents = verdict.ranked
        return document
    }

    /// The part of a summary a digest row needs: the run block and the incidents.
    public struct Head: Decodable, Sendable {
        public var schema: Int
        public var tool: String
        /// The figures (absent in summaries written before digests existed).
        public var run: RunFigures?
        public var incidents: [Incident]
        /// The inputs that could not be read (absent in summaries written before it was).
        public var inputErrors: [String]?
        /// The overview, as far as a digest row needs it.
        public var overview: HeadOverview?
        /// The settings, as far as a digest row needs them (absent in older summaries).
        public var settings: HeadSettings? = nil
    }

    /// The part of a summary's settings a digest row needs: the detectors turned off.
    public struct HeadSettings: Decodable, Sendable {
        /// Absent in summaries written before it was told.
        public var disabled: [ConfigChanges.Disabled]?
    }

    /// The part of a summary's overview a digest row needs: which node or host folder each
    /// rank's logs lay in.
    public struct HeadOverview: Decodable, Sendable {
        /// Absent when no input lay in a node or host folder, and in older summaries.
        public var nodes: [NodeRanks]?
    }

    /// Reads a `summary.json` written by `encode(_:)`.
    ///
    /// - Throws: ``SummaryJSONError`` naming what is wrong: not JSON, not a runlens summary,
    ///   another schema, or a field that does not fit.
    public static func decode(_ data: Data) throws(SummaryJSONError) -> Document {
        try decode(Document.self, data) { ($0.schema, $0.tool) }
    }

    /// Reads only the head of a `summary.json`: four times faster than the whole document
    /// when the metrics are not needed.
    public static func decodeHead(_ data: Data) throws(SummaryJSONError) -> Head {
        try decode(Head.self, data) { ($0.schema, $0.tool) }
    }

    /// True when `data` is JSON naming runlens as its tool, whatever else it holds.
    public static func isRunLensSummary(_ data: Data) -> Bool {
        let header = try? JSONDecoder().decode(Header.self, from: data)
        return header?.tool == "runlens"
    }

    /// Decodes `type` from `data`; `header` gives its schema and tool, which must be runlens's.
    static func decode<Value: Decodable>(
        _ type: Value.Type, _ data: Data, header: (Value) -> (Int, String)
    ) throws(SummaryJSONError) -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let value: Value
        do {
            value = try decoder.decode(type, from: data)
        } catch {
            guard let header = try? decoder.decode(Header.self, from: data) else {
                throw .notJSON
            }
            try checkHeader(schema: header.schema, tool: header.tool)
            throw .badField(Self.describe(error))
        }
        let (schema, tool) = header(value)
        try checkHeader(schema: schema, tool: tool)
        return value
    }

    private static func checkHeader(schema: Int?, tool: String?) throws(SummaryJSONError) {
        guard tool == "runlens" else { throw .notRunLens }
        guard schema == Self.schema else { throw .schema(schema) }
    }

    private static func describe(_ error: Error) -> String {
        guard let decoding = error as? DecodingError else { return "\(error)" }
        func place(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
            return String(text.joined().drop { $0 == "." })
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            return "missing '\(place(context.codingPath + [key]))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at '\(place(context.codingPath))'"
        case .dataCorrupted(let context):
            return "\(place(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(decoding)"
        }
    }
}

/// Why a file could not be read as a runlens `summary.json`.
public enum SummaryJSONError: Error, Equatable, CustomStringConvertible {
    /// The file is not JSON.
    case notJSON
    /// The JSON has no `"tool": "runlens"`.
    case notRunLens
    /// The schema version is not the one this version reads.
    case schema(Int?)
    /// A field is missing or does not fit.
    case badField(String)

    /// The reason, in a few words.
    public var description: String {
        switch self {
        case .notJSON: return "not JSON"
        case .notRunLens: return "not a runlens summary (no \"tool\": \"runlens\")"
        case .schema(let found):
            let text = found.map(String.init) ?? "none"
            return "schema \(text) is not \(SummaryJSON.schema)"
        case .badField(let why): return why
        }
    }
}
