import Testing

@testable import RunLens

struct ServingReportSectionTests {
    private func render(_ samples: [RequestSample]) throws -> [String] {
        let summary = try #require(ServingSamples.monitor(samples).summary())
        return ServingReportSection.render(summary).split(
            separator: "\n", omittingEmptySubsequences: false
        )
        .map(String.init)
    }

    @Test func headlineBudgetAndErrorTypes() throws {
        let lines = try render(ServingSamples.caseEight())

        #expect(lines[0] == "## Serving")
        #expect(
            lines[2] == "180 requests, 6 failed (3.33%), from 2024-05-14T09:00:00Z to "
                + "2024-05-14T09:29:50Z (29m 50s); 0.1006 requests/s.")
        #expect(lines.contains("| latency (ms) | 174 | 600 | 600 | 600 | 600 | 600 |"))
        #expect(
            lines.contains(
                "**Error budget:** 6 of 180 requests failed; a 0.100% budget allows 0.18 "
                    + "failures: 33.3 times the budget consumed."
            ))
        #expect(lines.contains("| 503 | 6 | 3.33% |"))
    }

    @Test func oneRowPerWindow() throws {
        let lines = try render(ServingSamples.caseEight())

        #expect(lines.contains("### Requests by window (5m windows)"))
        #expect(
            lines.contains(
                "| 2024-05-14T09:20:00Z | 30 | 0.1000 | – | 3 | 10.0% "
                    + "| 600 | 600 | 600 | 600 | – |"))
        #expect(lines.filter { $0.hasPrefix("| 2024-05-14T09:") }.count == 6)
    }

    @Test func untimedWindowsAreRangesOfRequests() throws {
        let lines = try render(ServingSamples.rateLimited())

        #expect(lines.contains("### Requests by window (windows of 50 requests)"))
        #expect(
            lines.contains(
                "| 1–50 | 50 | – | – | 37 | 74.0% | 4500 | 4500 | 4500 | 4500 | – |"))
        #expect(lines.contains { $0.hasPrefix("- the log has no timestamps") })
    }

    @Test func versionsSideBySide() throws {
        let nine = ServingSamples.nine
        let samples = (0..<20).map {
            ServingSamples.request(
                at: nine + Double($0), latency: $0 < 10 ? 500 : 900, version: $0 < 10 ? "a" : "b")
        }
        let lines = try render(samples)

        #expect(lines.contains("### Model versions"))
        #expect(lines.contains("| a | 10 | 0% | 500 | 500 | 500 | – | – |"))
        #expect(lines.contains("| b | 10 | 0% | 900 | 900 | 900 | – | – |"))
    }
}
