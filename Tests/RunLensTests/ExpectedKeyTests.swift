import Testing

@testable import RunLens

/// Matching the text `"key": ` a member is expected to begin with, and reading records with
/// such expectations.
struct ExpectedKeyTests {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123".utf8)

    /// Whether the expected text of `key` matches `text` from offset 1, the text ending `cut`
    /// bytes early.
    static func matches(_ key: [UInt8], in text: [UInt8], cut: Int = 0) -> Bool {
        let expected = key.withUnsafeBytes { ExpectedKey(key: $0) }
        return text.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress, let expected else { return false }
            return expected.matches(base, 1, buffer.count - cut)
        }
    }

    @Test(arguments: 0...28)
    func matchesItsOwnTextOnly(length: Int) {
        let key = Array(Self.alphabet.prefix(length))
        let text = Array(",\"".utf8) + key + Array("\": 1}".utf8)

        #expect(Self.matches(key, in: text))
        #expect(Self.matches(key, in: text, cut: 2))
        #expect(!Self.matches(key, in: text, cut: 3))
        for position in 1..<length + 5 {
            var other = text
            other[position] ^= 0x01
            #expect(!Self.matches(key, in: other), "byte \(position) of \(length)")
        }
    }

    @Test(arguments: ["a\"b", "a\\b", "tab\there", String(repeating: "k", count: 29)])
    func aKeyThatWouldBeEscapedOrIsLongHasNone(key: String) {
        let expected = Array(key.utf8).withUnsafeBytes { ExpectedKey(key: $0) }

        #expect(expected == nil)
    }

    /// What one builder makes of `line` after reading `warmUp` (so it expects the keys of
    /// `warmUp`), and what a builder without expectations makes of it with the same names.
    private func readWithAndWithoutExpectations(_ line: String, after warmUp: String)
        -> (expecting: String, plain: String)
    {
        let fields = FieldTable(matcher: RoleMatcher())
        var warmed = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        _ = read(warmUp, scanner: &scanner, builder: &warmed)
        let expecting = read(line, scanner: &scanner, builder: &warmed)

        var fresh = RecordBuilder(fields: fields)
        let plain = read(line, scanner: &scanner, builder: &fresh)
        return (expecting, plain)
    }

    /// The scan result and the record built from `line`, as text.
    private func read(
        _ line: String, scanner: inout JSONScanner, builder: inout RecordBuilder
    ) -> String {
        builder.begin()
        let result = Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) }
        let record = builder.record
        let values = record.values.map { "\($0.field)/\($0.index)=\($0.value)" }
        return "\(result) \(values) leaves \(record.leafCount) hash \(record.contentHash) "
            + "step \(record.step ?? -1) rank \(record.rank ?? -1) time \(record.time ?? -1)"
    }

    static let warmUp =
        #"{"step": 1, "rank": 0, "lr": 0.5, "timestamp": 1715677200.4, "#
        + #""gpu_memory_allocated": 38.5, "tokens_per_second": 2.5, "mfu": 0.4}"#

    @Test(arguments: [
        #"{"step": 2, "rank": 1, "lr": 0.25, "timestamp": 1715677201.5, "#
            + #""gpu_memory_allocated": 40, "tokens_per_second": 3, "mfu": 0.5}"#,
        #"{"step":2, "rank": 1}"#,
        #"{"step" : 2, "rank": 1}"#,
        #"{"step": 2,"rank": 1, "lr": 3}"#,
        #"{ "step": 2, "rank": 1}"#,
        #"{"step": 2, "r\u0061nk": 1, "l\u0072": 3}"#,
        #"{"step": 2, "rank ": 1, "l": 3}"#,
        #"{"step": 2, "rank": 1, "lr": }"#,
        #"{"step": 2, "rank": 1, "lr": 3"#,
        #"{"step": 2, "rank": 1, "lr""#,
        #"{"step": 2, "rank": 1, "lr": 3, "timestamp"#,
        #"{"step": 2, "rank": "1", "lr": true, "timestamp": null}"#,
        #"{"step": 2, "rank": {"a": 1}, "lr": 3}"#,
        #"{"step": 2, "rank": [1, 2], "lr": 3}"#,
        #"{"step": 2, "rank":  1, "lr":\t-3}"#,
        #"{"step": 2, "rank": -Infinity, "lr": NaN, "timestamp": Infinity}"#,
        #"{"step": 2, "rank": -0, "lr": 1e400, "timestamp": -1.5e-300}"#,
        #"{"step": 2, "rank": -x}"#,
        #"{"step": 2, "rank": 01}"#,
        #"{"step": 2, "rank": 1.5x}"#,
        #"{"step": 2, "rank": 1"#,
        #"{"step": 2, "rank": 12345678901234567890, "lr": 0.123456789012345678}"#,
        #"{"step": 2, "rank": 1, "lr": 3, "lr": 4, "step": 5}"#,
        #"{"rank": 1, "step": 2, "mfu": 3, "tokens_per_second": 4}"#,
        #"{"step": 2, "rank": 1, "lr": 3, "timestamp": 1715677201.5, "#
            + #""gpu_memory_allocated": 40, "tokens_per_second": 3, "mfu": 0.5, "fresh": 1}"#,
        #"{"step": 2, "rank": 1, "lr": 3, "timestamp": 1715677201.5, "#
            + #""gpu_memory_allocated": 40, "tokens_per_secondx": 3}"#,
        #"{"step": 2, "rank": 1, "lr": 3, "timestamp": 1715677201.5, "#
            + #""gpu_memory_allocated": 40, "tokens_per_second": 3, "mfu": 0.5} x"#,
    ])
    func aBuilderExpectingKeysReadsALineAsOneThatDoesNot(line: String) {
        let result = readWithAndWithoutExpectations(line, after: Self.warmUp)

        #expect(result.expecting == result.plain)
    }

    /// A metric taken as expected is marked only once another kind of leaf comes (and not at
    /// all while the expected keys all differ), so these repeat a key after expected ones
    /// through each other path, or expect a key twice.
    @Test(arguments: [
        (#"{"step": 1, "lr": 1, "lr": 2}"#, #"{"step": 2, "lr": 3, "lr": 4}"#),
        (#"{"step": 1, "lr": 1, "lr": 2}"#, #"{"step": 2, "lr": 3, "mfu": 4, "lr": 5}"#),
        (#"{"step": 1, "lr": 1, "mfu": 2}"#, #"{"step": 2, "lr": 3, "lr": "4"}"#),
        (#"{"step": 1, "lr": 1, "mfu": 2}"#, #"{"step": 2, "lr": 3, "lr": [4, 5]}"#),
        (#"{"step": 1, "lr": 1, "mfu": 2}"#, #"{"step": 2, "lr": 3, "mfu": 4, "lr": 5}"#),
        (#"{"lr": 1, "mfu": 2}"#, #"{"lr": 3, "mfu": 4, "new_metric": 5, "lr": 6}"#),
        (#"{"lr": 1, "mfu": 2}"#, #"{"lr": 3, "mfu": 4, "lr": true, "lr": 7}"#),
        (#"{"lr": 1, "mfu": 2}"#, #"{"lr": 3, "mfu": 4, "lr": 7"#),
    ])
    func aKeyWrittenAgainAfterExpectedOnesKeepsItsLastValue(warmUp: String, line: String) {
        let result = readWithAndWithoutExpectations(line, after: warmUp)

        #expect(result.expecting == result.plain)
    }

    @Test func aRecordLikeOneThatRepeatedAKeyKeepsTheKeysLastValue() {
        let fields = FieldTable(matcher: RoleMatcher())
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        _ = read(#"{"step": 1, "lr": 1, "lr": 2}"#, scanner: &scanner, builder: &builder)
        _ = read(#"{"step": 2, "lr": 3, "lr": 4}"#, scanner: &scanner, builder: &builder)

        #expect(builder.record.values.map(\.value) == [4])
    }

    /// Whitespace before a comma or the closing brace after members taken as expected, and a
    /// byte or the line's end where the comma should be: values and columns worked out by hand.
    @Test func whatFollowsAnExpectedMembersValue() {
        let fields = FieldTable(matcher: RoleMatcher())
        var builder = RecordBuilder(fields: fields)
        var scanner = JSONScanner()
        _ = read(Self.warmUp, scanner: &scanner, builder: &builder)

        let spaced = #"{"step": 2 , "rank": 1"# + "\t" + #",  "lr": 0.25 }"#
        #expect(scan(spaced, scanner: &scanner, builder: &builder) == .record)
        #expect(builder.record.step == 2)
        #expect(builder.record.rank == 1)
        #expect(builder.record.values.map(\.value) == [0.25])

        // `x` is byte 22; the line's end is found at the space after `1`, byte 21.
        let stray = scan(#"{"step": 2, "rank": 1 x}"#, scanner: &scanner, builder: &builder)
        #expect(Self.column(of: stray) == 23)
        let cut = scan(#"{"step": 2, "rank": 1 "#, scanner: &scanner, builder: &builder)
        #expect(Self.column(of: cut) == 22)
    }

    private func scan(
        _ line: String, scanner: inout JSONScanner, builder: inout RecordBuilder
    ) -> JSONScanResult {
        builder.begin()
        return Array(line.utf8).withUnsafeBytes { scanner.scanRecord($0, visitor: &builder) }
    }

    private static func column(of result: JSONScanResult) -> Int? {
        guard case .malformed(_, let column) = result else { return nil }
        return column
    }
}
