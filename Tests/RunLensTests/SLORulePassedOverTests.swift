import Testing

@testable import RunLens

/// The report's notes on targets missed without an incident. The chances are P(X ≥ k) for
/// X ~ Binomial(n, p), summed by hand from the binomial terms.
struct SLORulePassedOverTests {
    let nine = ServingSamples.nine
    let rule = SLORule(settings: ServingSettings())

    /// `count` requests in the five minutes `minutes` after 09:00, the first `slow` taking
    /// 3000 ms and the rest 500 ms, the last `failed` failing.
    private func window(at minutes: Double = 0, count: Int, slow: Int = 0, failed: Int = 0)
        -> [RequestSample]
    {
        (0..<count).map { index in
            ServingSamples.request(
                at: nine + minutes * 60 + Double(index) * 300 / Double(count),
                latency: index < slow ? 3000 : 500, ttft: .nan,
                error: index >= count - failed ? "503" : nil, line: Int32(index + 1))
        }
    }

    private func notes(_ samples: [RequestSample]) throws -> [String] {
        let summary = try #require(ServingSamples.monitor(samples).summary())
        return rule.passedOver(summary)
    }

    private func notes(count: Int, slow: Int = 0, failed: Int = 0) throws -> [String] {
        try notes(window(count: count, slow: slow, failed: failed))
    }

    @Test func aMissThatChanceExplainsSaysHowLikelyItIs() throws {
        // 3 of 40 above 2000 ms at a p95 target: P(X ≥ 3 | 40, 0.05) = 0.3233.
        let found = try notes(count: 40, slow: 3)
        #expect(found.count == 1)
        let note = try #require(found.first)
        #expect(note.hasPrefix("p95 latency above 2000 ms in 1 window without an incident: "))
        #expect(note.contains("(3000 ms; 3 of 40 requests above 2000 ms; "))
        #expect(note.hasSuffix("a service just meeting the target sees as many 32.3% of the time)"))
    }

    @Test func aWindowTooSmallToJudgeSaysSo() throws {
        let found = try notes(count: 10, slow: 10)
        #expect(found.count == 1)
        #expect(
            found.first?.hasSuffix(
                "10 of 10 requests above 2000 ms, too few to judge (20 requests are needed))")
                == true)
    }

    @Test func oneFailureInSixHundredNamesTheWindowAndTheWholeLog() throws {
        // P(X ≥ 1 | 600, 0.001) = 1 − 0.999^600 = 0.4514.
        let found = try notes(count: 600, failed: 1)
        #expect(found.count == 2)
        #expect(found.first?.hasPrefix("error rate above 0.100% in 1 window") == true)
        #expect(found.first?.contains("(1 of 600 requests failed; ") == true)
        #expect(
            found.last
                == "availability 99.8% over the whole log, below the 99.9% target, without an "
                + "incident: 1 of 600 requests failed; a service just meeting the target sees "
                + "as many 45.1% of the time")
    }

    @Test func ofSeveralWindowsTheNoteNamesTheOneChanceExplainsLeast() throws {
        // 1 of 100 failed (1%, P = 1 − 0.999^100 = 0.0952) against 3 of 600 (0.5%, P(X ≥ 3 |
        // 600, 0.001) = 0.0230): the second is the closer to an incident.
        let found = try notes(window(count: 100, failed: 1) + window(at: 5, count: 600, failed: 3))
        let note = try #require(found.first)
        #expect(note.hasPrefix("error rate above 0.100% in 2 windows without an incident: "))
        #expect(note.contains("the closest to one, 2024-05-14T09:05:00Z – 2024-05-14T09:10:00Z"))
        #expect(note.contains("(3 of 600 requests failed; "))
        #expect(note.hasSuffix("sees as many 2.30% of the time)"))
    }

    @Test func anIncidentIsNoNoteAndAMetTargetNeither() throws {
        // 100 of 600 slow is a p95 incident; 20 of 600 keeps the p95 at 500 ms.
        #expect(try notes(count: 600, slow: 100).isEmpty)
        #expect(try notes(count: 600, slow: 20).isEmpty)
    }
}
