import Foundation
import Testing

@testable import RunLens

/// Arrival traces (Azure LLM inference, Mooncake) log when requests came and their token
/// counts, not how they ended: nothing failed is not the same as nothing known.
struct ServingOutcomesTests {
    let nine = ServingSamples.nine

    /// 600 requests one second apart, with token counts and no outcome.
    private func arrivals() -> [RequestSample] {
        (0..<600).map {
            RequestSample(
                time: nine + Double($0), outcome: .unknown, inputTokens: 100, outputTokens: 10)
        }
    }

    @Test func arrivalTraceHasNoErrorRateNorBudget() throws {
        let monitor = ServingSamples.monitor(arrivals())
        let summary = try #require(monitor.summary())

        #expect(summary.overall.requests == 600 && !summary.overall.outcomesLogged)
        #expect(summary.overall.errorRate == nil)
        #expect(summary.windows.allSatisfy { $0.stats.errorRate == nil })
        #expect(!summary.budget.outcomesLogged && summary.budget.consumed == nil)
        #expect(
            summary.notes.contains(
                "no request records how it ended (a status or error field): error rates, "
                    + "availability and the error budget are not judged"))
        #expect(monitor.incidents(in: ServingSamples.context).isEmpty)
    }

    @Test func reportSaysOutcomesAreNotLogged() throws {
        let summary = try #require(ServingSamples.monitor(arrivals()).summary())
        let text = ServingReportSection.render(summary)

        #expect(text.contains("600 requests, outcomes not logged, from "))
        #expect(text.contains("**Error budget:** not judged: no request records how it ended."))
        #expect(!text.contains("consumed"))
    }

    @Test func oneLoggedOutcomeMakesTheRateKnown() throws {
        var samples = arrivals()
        samples[0].outcome = .ok
        let summary = try #require(ServingSamples.monitor(samples).summary())

        #expect(summary.overall.errorRate == 0 && summary.budget.consumed == 0)
    }

    @Test func budgetWithoutOutcomesRoundTripsThroughJSON() throws {
        let budget = ErrorBudget(
            availabilityTarget: 0.999, requests: 600, failed: 0, outcomesLogged: false)
        let data = try JSONEncoder().encode(budget)
        let back = try JSONDecoder().decode(ErrorBudget.self, from: data)

        #expect(back == budget && back.consumed == nil)
    }
}
