import Foundation
import Testing

@testable import RunLens

/// `summary.json` is written by a small encoder of its own; `JSONEncoder`, with the options
/// the summary always used, is the independent judge of every byte.
struct PrettyJSONEncoderTests {
    /// What `JSONEncoder` writes for `value` with the summary's options.
    private static func reference(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try PrettyJSONEncoder.encode(value), as: UTF8.self)
    }

    /// Every ASCII character, line separators, a BOM, combining marks and emoji.
    private static let strings: [String] =
        (0..<0x80).map { String(UnicodeScalar(UInt8($0))) } + [
            "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{85}", "é", "e\u{301}", "😀", "a/b", "\r\n",
            "\"quoted\" \\ back", "", "tab\there", "Ünïcödé ✓", "\u{10FFFF}",
        ]

    private static let doubles: [Double] = [
        0, -0.0, 1, -1, 0.1, 1.0 / 3, 2.0 / 3, -2.5, 100.25, 1e-4, 9.999e-5, 1e-5, 2e-7,
        123_456_789_012_345.6, 999_999_999_999_999.9, 1e15, 1_000_000_000_000_000.5,
        4_503_599_627_370_495.5, 9_007_199_254_740_993, 1e16, 1e22, 1e23, 5e-324,
        2.2250738585072014e-308, 1.7976931348623157e308, -1.7976931348623157e308, .nan,
        .infinity, -.infinity, 123_456_789_012_345_680,
    ]

    private struct Tricky: Encodable {
        var strings = PrettyJSONEncoderTests.strings
        var doubles = PrettyJSONEncoderTests.doubles
        var floats: [Float] = [0, -0.0, 1.5, 0.1, 3.4028235e38, 1e-45, .nan, .infinity]
        var integers = [0, -1, Int.min, Int.max, 42]
        var small: [Int8] = [-128, 127]
        var unsigned: [UInt64] = [0, .max]
        var present: Int? = 7
        var absent: String? = nil
        var nulls: [Int?] = [nil, 1, nil]
        var flags = [true, false]
        var emptyArray: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[String: [Int]]] = [[:], ["k": []], ["b": [1], "a": [2, 3]]]
        var keyed: [String: Int] = Dictionary(
            uniqueKeysWithValues: [
                "a10", "a2", "B", "a", "b", "_x", "Z", "é", "a-1", "a_1", "aa", "A", "10", "9",
                "a/b", "ä", "z", "", " ", "\u{1}", "😀", "\u{FEFF}", "x\"y",
            ].enumerated().map { ($1, $0) })
        var decomposed: [String: Int] = ["e\u{301}x": 1, "éa": 2, "ea": 3]
    }

    /// Uses every kind of container, `encodeNil`, a key written twice, a nested value that
    /// encodes nothing, and super encoders with and without a key.
    private struct Handmade: Encodable {
        enum Keys: String, CodingKey { case a, b, c, d, e, f }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encodeNil(forKey: .d)
            try container.encode(1, forKey: .a)
            try container.encode("twice", forKey: .a)
            var list = container.nestedUnkeyedContainer(forKey: .c)
            try list.encode(1)
            try list.encodeNil()
            try list.encode(Nothing())
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode(Float(2.5), forKey: .b)
            var deeper = list.nestedUnkeyedContainer()
            try deeper.encode(UInt8(255))
            var single = container.superEncoder(forKey: .e).singleValueContainer()
            try single.encode("from super")
            var object = container.nestedContainer(keyedBy: Keys.self, forKey: .b)
            try object.encode(-0.0, forKey: .f)
            var parent = container.superEncoder().container(keyedBy: Keys.self)
            try parent.encode(true, forKey: .a)
        }
    }

    private struct Nothing: Encodable {
        func encode(to encoder: Encoder) throws {}
    }

    /// Arrays of `Int` are kept whole rather than as a node an element; the text must be
    /// the same at the top, empty, and nested two levels down.
    @Test(arguments: [[], [7], [3, -2, 0, Int.max, Int.min]])
    func integerArraysAreWrittenAsJSONEncoderWritesThem(_ values: [Int]) throws {
        #expect(try Self.encoded(values) == Self.reference(values))

        let nested = ["a": ["b": values, "c": [1]]]
        #expect(try Self.encoded(nested) == Self.reference(nested))
    }

    @Test func writesTrickyValuesAsJSONEncoderDoes() throws {
        #expect(try Self.encoded(Tricky()) == Self.reference(Tricky()))
    }

    @Test func writesEveryKindOfContainerAsJSONEncoderDoes() throws {
        #expect(try Self.encoded(Handmade()) == Self.reference(Handmade()))
    }

    @Test func writesEmptyDocumentsAsJSONEncoderDoes() throws {
        #expect(try Self.encoded([String: Int]()) == Self.reference([String: Int]()))
        #expect(try Self.encoded([[Int]]()) == Self.reference([[Int]]()))
        #expect(try Self.encoded([[Int]()]) == Self.reference([[Int]()]))
    }

    /// Random doubles of every kind, among them values with few digits.
    @Test func writesRandomNumbersAsJSONEncoderDoes() throws {
        var random = SeededRandom(seed: 8)
        var values: [Double] = []
        for _ in 0..<5000 {
            values.append(Double(bitPattern: random.next()))
            let digits = Double(Int64(bitPattern: random.next()) % 10_000_000)
            values.append(digits / [1, 10, 1e3, 1e6, 1e9][Int(random.next() % 5)])
        }
        #expect(try Self.encoded(values) == Self.reference(values))
    }

    /// Summaries of the fixtures as `analyze` writes them, incidents and serving included.
    @Test(arguments: [
        "input/metrics.jsonl", "cases/01-chainer-log-nan.json",
        "cases/05-loss-scale-collapse.jsonl",
        "cases/11-straggler-masked-by-allreduce", "cases/14-submillisecond-latency-quantiles.jsonl",
        "serving/llmperf_bedrock_13b_individual.json", "bad/control-characters.jsonl",
        "bad/invalid-utf8.jsonl",
    ])
    func writesSummariesAsJSONEncoderDoes(fixture: String) throws {
        let analyzer = Analyzer(options: AnalysisOptions(inputs: [BinaryRunner.fixture(fixture)]))
        let suite = DetectorSuite(config: RunLensConfig())
        suite.register(with: analyzer)
        let result = try analyzer.run()
        let verdict = Verdict(incidents: suite.incidents(for: result), failOn: .warning)
        var document = SummaryJSON.document(result, version: "test")
        document.serving = suite.servingSummary
        document.verdict = SummaryJSON.Verdict(verdict: verdict)
        document.incidents = verdict.ranked

        #expect(try SummaryJSON.encode(document) == Self.reference(document) + "\n")
    }
}
