import Testing

@testable import RunLens

/// Epoch units told apart by magnitude, and ISO 8601-like text. Expected epochs come from
/// python3 `datetime.fromisoformat(text).timestamp()` (zone-less text read as UTC).
struct TimestampParserTests {
    struct EpochCase: CustomTestStringConvertible, Sendable {
        var name: String
        var value: Double
        var seconds: Double?
        var testDescription: String { name }
    }

    static let epochs: [EpochCase] = [
        .init(name: "seconds, W&B int", value: 1_582_070_941, seconds: 1_582_070_941),
        .init(
            name: "seconds, W&B float", value: 1_582_070_918.238_857_7,
            seconds: 1_582_070_918.238_857_7),
        .init(name: "milliseconds, MLflow", value: 1_664_364_007_310, seconds: 1_664_364_007.31),
        .init(name: "microseconds", value: 1_700_000_000_000_000, seconds: 1_700_000_000),
        .init(name: "nanoseconds", value: 1_700_000_000_000_000_000, seconds: 1_700_000_000),
        .init(name: "Mooncake offset in ms", value: 3_536_999, seconds: nil),
        .init(name: "zero", value: 0, seconds: nil),
        .init(name: "a step duration", value: 0.4312, seconds: nil),
        .init(name: "NaN", value: .nan, seconds: nil),
        .init(name: "infinity", value: .infinity, seconds: nil),
    ]

    @Test(arguments: epochs)
    func epochUnitsComeFromTheMagnitude(_ example: EpochCase) {
        #expect(TimestampParser.epochSeconds(example.value) == example.seconds)
    }

    struct TextCase: CustomTestStringConvertible, Sendable {
        var text: String
        var seconds: Double?
        var testDescription: String { text }
    }

    static let texts: [TextCase] = [
        .init(text: "2024-05-14T09:00:00Z", seconds: 1_715_677_200),
        .init(text: "2024-05-14T09:00:00.701Z", seconds: 1_715_677_200.701),
        .init(text: "2024-05-14T09:00:00.000z", seconds: 1_715_677_200),
        .init(text: "2024-05-14T11:00:00+02:00", seconds: 1_715_677_200),
        .init(text: "2024-05-14T04:00:00-05:00", seconds: 1_715_677_200),
        .init(text: "2024-05-14T11:00:00+0200", seconds: 1_715_677_200),
        .init(text: "2024-05-14 09:00:00", seconds: 1_715_677_200),
        .init(text: " 2024-05-14T09:00:00Z", seconds: 1_715_677_200),
        .init(text: "2024-05-14T09:00", seconds: 1_715_677_200),
        .init(text: "2024-05-14", seconds: 1_715_644_800),
        // Azure trace: seven fractional digits, no zone.
        .init(text: "2023-11-16 18:17:03.9799600", seconds: 1_700_158_623.979_96),
        // nvidia-smi: slashes and milliseconds.
        .init(text: "2026/02/02 01:07:37.100", seconds: 1_769_994_457.1),
        .init(text: "2000-02-29T12:00:00Z", seconds: 951_825_600),
        .init(text: "1969-12-31T23:59:59Z", seconds: -1),
        // Ray Tune's `date` column is no ISO time.
        .init(text: "2021-01-14_01-37-04", seconds: nil),
        // ISO 8601's basic form, web servers' common log format, RFC 2822.
        .init(text: "20240514T090000Z", seconds: 1_715_677_200),
        .init(text: "20240514T110000+0200", seconds: 1_715_677_200),
        .init(text: "20240514T0900", seconds: 1_715_677_200),
        .init(text: "14/May/2024:09:00:00 +0000", seconds: 1_715_677_200),
        .init(text: "14/may/2024:11:00:00 +0200", seconds: 1_715_677_200),
        .init(text: "Tue, 14 May 2024 09:00:00 GMT", seconds: 1_715_677_200),
        .init(text: "14 May 2024 09:00 +0000", seconds: 1_715_677_200),
        .init(text: "Tue, 4 Jun 2024 09:00:00 +0000", seconds: 1_717_491_600),
        .init(text: "32/May/2024:09:00:00 +0000", seconds: nil),
        .init(text: "Tue 14 May 2024 09:00:00 GMT", seconds: nil),
        .init(text: "14/Mai/2024:09:00:00 +0000", seconds: nil),
        .init(text: "2024-05-14T09:00:00Zjunk", seconds: nil),
        .init(text: "14/05/2024", seconds: nil),
        .init(text: "not a date", seconds: nil),
        .init(text: "", seconds: nil),
    ]

    @Test(arguments: texts)
    func isoTextGivesEpochSeconds(_ example: TextCase) {
        let bytes = Array(example.text.utf8)
        let seconds = bytes.withUnsafeBytes { TimestampParser.parse($0) }
        if let expected = example.seconds, let seconds {
            #expect(abs(seconds - expected) < 1e-6)
        } else {
            #expect(seconds == example.seconds)
        }
    }
}
