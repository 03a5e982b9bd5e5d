import Foundation
import Testing

@testable import RunLens

/// Names from logs shown as code in reports, whatever backticks they hold.
struct MarkdownCodeTests {
    @Test(arguments: [
        ("loss", "`loss`"),
        ("a`b", "``a`b``"),
        ("x``y`z", "```x``y`z```"),
        ("`tick", "`` `tick ``"),
        ("tock`", "`` tock` ``"),
        ("two\nlines\r\n", "`two lines  `"),
    ])
    func spansShowTheTextAsItIs(text: String, span: String) {
        #expect(MarkdownCode.span(text) == span)
    }

    @Test func plainTextEscapesItsBackticks() {
        #expect(MarkdownCode.plain("my`loss became NaN") == "my\\`loss became NaN")
        #expect(MarkdownCode.plain("loss") == "loss")
    }

    /// A metric named with a backtick used to close its code span early in every table row
    /// and incident line that named it.
    @Test func aMetricWithABacktickKeepsItsSpanWhole() throws {
        let folder = try AnalyzeRunnerTests.emptyFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("tick.jsonl")
        let log = (1...20).map { "{\"step\": \($0), \"loss`ema\": \(3.0 - Double($0) / 10)}\n" }
        try log.joined().write(to: path, atomically: true, encoding: .utf8)

        let run = try BinaryRunner.run(["analyze", "-q", path.path])

        let markdown = run.output("report.md")
        #expect(markdown.contains("| ``loss`ema`` |"))
        #expect(!markdown.contains(" `loss`ema` "))
    }
}
