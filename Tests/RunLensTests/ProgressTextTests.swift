import Testing

@testable import RunLens

struct ProgressTextTests {
    @Test func showsShareRateAndTimeLeftWhenTheSizeIsKnown() {
        // 50 MB in 2 s is 25 MB/s; the other 150 MB take 6 s more.
        let line = ProgressText.line(bytes: 50_000_000, total: 200_000_000, seconds: 2)
        #expect(line == "reading 50.0 MB of 200.0 MB (25.0%), 25.0 MB/s, about 6s left")
    }

    @Test func showsBytesAndRateForStandardInput() {
        let line = ProgressText.line(bytes: 3_000_000, total: nil, seconds: 1.5)
        #expect(line == "reading 3.00 MB, 2.00 MB/s")
    }

    @Test(arguments: [
        (512 as Int64, "512 B"), (12_345, "12.3 kB"), (2_100_000_000, "2.10 GB"),
        (45_600_000, "45.6 MB"),
    ])
    func sizesAreDecimal(bytes: Int64, text: String) {
        #expect(ProgressText.size(bytes) == text)
    }
}
