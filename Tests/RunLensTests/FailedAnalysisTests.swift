import Foundation
import Testing

@testable import RunLens

/// The `junit.xml` a failed analysis writes alone, recognised by a digest with its reasons.
struct FailedAnalysisTests {
    /// A failure document as `analyze` writes it, with a message that needs escaping.
    static let failure = JUnitXML.render(
        failure: .noRecords(["runs/a & \"b\""], Accounting(), nil), unreadable: [],
        failOn: .critical)

    @Test func readsTheReasonsOfAFailureDocument() throws {
        let reasons = try #require(FailedAnalysis.reasons(in: Self.failure))
        #expect(reasons == ["no metric record could be read from 'runs/a & \"b\"' (0 lines)"])
    }

    @Test func anAnalysisReportIsNoFailure() {
        let verdict = Verdict(incidents: [], failOn: .critical)
        #expect(FailedAnalysis.reasons(in: JUnitXML.render(verdict)) == nil)
        #expect(FailedAnalysis.reasons(in: "<testsuites name=\"other\"/>") == nil)
    }

    @Test func aFolderHoldingOnlyTheFailureIsAFailedRun() throws {
        let root = try SyntheticRuns.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let runX = root.appendingPathComponent("runX")
        try FileManager.default.createDirectory(at: runX, withIntermediateDirectories: true)
        let junit = runX.appendingPathComponent("junit.xml").path
        try Self.failure.write(toFile: junit, atomically: true, encoding: .utf8)

        #expect(try DigestSource.resolve([runX.path]).sources == [.failedAnalysis(junit)])
        #expect(try DigestSource.resolve([junit]).sources == [.failedAnalysis(junit)])
        let parts = DigestLoader(analysis: AnalysisOptions(inputs: []), jobs: 1).load([
            .failedAnalysis(junit)
        ])
        let runs = DigestRuns.assemble(parts)
        #expect(runs.map(\.name) == ["runX"])
        #expect(runs.map(\.status) == [.unreadable])
        #expect(
            runs.first?.error
                == "the analysis that wrote '\(junit)' failed (exit 2): no metric record could "
                + "be read from 'runs/a & \"b\"' (0 lines)")
    }
}
