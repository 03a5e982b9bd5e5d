import Foundation
import Testing

@testable import RunLens

struct TimeFormatTests {
    /// Found with a log whose timestamp was 1e300: converting the day count to Int
    /// trapped, so writing the report crashed.
    @Test(arguments: [
        (1e291, "1e+291"), (-1e300, "-1e+300"), (253_402_300_800, "253402300800"),
        (253_402_300_799, "9999-12-31T23:59:59Z"), (-62_167_219_200, "0000-01-01T00:00:00Z"),
        (-62_167_219_201, "-62167219201"), (0, "1970-01-01T00:00:00Z"),
        (1_715_677_200.701, "2024-05-14T09:00:00.701Z"),
    ])
    func timesOutsideFourDigitYearsAreWrittenAsNumbers(seconds: Double, text: String) {
        #expect(TimeFormat.iso(seconds) == text)
    }

    @Test func everyMillisecondTimeMatchesFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var random = SplitMix(seed: 42)
        for _ in 0..<2000 {
            let millis = Double(random.below(4_102_444_800_000))
            let seconds = millis / 1000
            var expected = formatter.string(from: Date(timeIntervalSince1970: seconds))
            expected = expected.replacingOccurrences(of: ".000Z", with: "Z")
            #expect(TimeFormat.iso(seconds) == expected, "\(millis) ms")
        }
    }

    @Test(arguments: [(1e291, "1.000e291s"), (-1e20, "-1.000e20s"), (3725, "1h 02m")])
    func durationsOfAnySizeAreWritten(seconds: Double, text: String) {
        #expect(TimeFormat.duration(seconds) == text)
    }
}
