import Testing

@testable import RunLens

struct AnalyzeCommandTests {
    @Test func readsAnnotationsInBothSpellings() throws {
        let spaced = try AnalyzeCommand(arguments: ["run.jsonl", "--annotations", "github"])
        #expect(spaced.annotations == .github)
        let joined = try AnalyzeCommand(arguments: ["--annotations=github", "run.jsonl"])
        #expect(joined.annotations == .github)
        #expect(try AnalyzeCommand(arguments: ["run.jsonl"]).annotations == nil)
    }

    @Test func rejectsAnUnknownAnnotationFormatByName() {
        #expect(throws: UsageError("--annotations expects github, got 'gitlab'")) {
            try AnalyzeCommand(arguments: ["run.jsonl", "--annotations", "gitlab"])
        }
        #expect(throws: UsageError("--annotations needs a value: github")) {
            try AnalyzeCommand(arguments: ["run.jsonl", "--annotations"])
        }
    }

    @Test func quietIsASwitch() throws {
        #expect(try AnalyzeCommand(arguments: ["-q", "run.jsonl"]).quiet)
        #expect(try AnalyzeCommand(arguments: ["run.jsonl", "--quiet"]).quiet)
    }
}
