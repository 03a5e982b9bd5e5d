import Foundation
import Testing

@testable import RunLens

struct AnalyzerProgressTests {
    static func temporaryLog(lines: Int) throws -> (path: String, size: Int64) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runlens-progress-\(UUID().uuidString).jsonl")
        var text = ""
        for step in 0..<lines { text += "{\"step\": \(step), \"loss\": 1.5}\n" }
        try Data(text.utf8).write(to: url)
        return (url.path, Int64(text.utf8.count))
    }

    @Test func reportsGrowingByteCountsUpToTheFileSize() throws {
        let log = try Self.temporaryLog(lines: 200)
        var options = AnalysisOptions(inputs: [log.path])
        options.chunkSize = 256
        let analyzer = Analyzer(options: options)
        var reports: [(Int64, Int64?)] = []
        analyzer.progress = { reports.append(($0, $1)) }
        _ = try analyzer.run()

        // A line is 24 bytes and the step's digits: 10 × 25 + 90 × 26 + 100 × 27 = 5290
        // bytes, read in blocks of 256: more than 20 blocks, one report after each.
        #expect(log.size == 5290)
        #expect(reports.count >= 20)
        #expect(reports.allSatisfy { $0.1 == log.size })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.0 <= $1.0 })
        #expect(reports.last?.0 == log.size)
    }

    @Test func standardInputHasNoTotal() {
        #expect(Analyzer.totalSize(of: ["-"]) == nil)
        #expect(Analyzer.totalSize(of: ["/no/such/file"]) == nil)
    }

    @Test func withoutACallbackNothingIsMeasured() throws {
        let log = try Self.temporaryLog(lines: 3)
        let analyzer = Analyzer(options: AnalysisOptions(inputs: [log.path]))
        _ = try analyzer.run()
        #expect(analyzer.totalBytes == nil)
    }
}
