import Testing

@testable import RunLens

/// What a command line that does not parse still says: the report folder, and every argument
/// that may be an input.
struct AnalyzeCommandRemainsTests {
    @Test(arguments: [
        (["run.jsonl", "--fail-on", "bogus"], "runlens-report", ["run.jsonl", "bogus"]),
        (["run.jsonl", "--bogus", "-o", "out"], "out", ["run.jsonl"]),
        (["--output=out", "run.jsonl", "--strict=1"], "out", ["run.jsonl"]),
        (["-o", "a", "run.jsonl", "-o", "b", "--bogus"], "b", ["run.jsonl"]),
        (["--bogus", "--", "-o", "x"], "runlens-report", ["-o", "x"]),
        (["-", "--bogus"], "runlens-report", ["-"]),
    ])
    func namesTheFolderAndThePossibleInputs(
        arguments: [String], folder: String, inputs: [String]
    ) {
        let remains = AnalyzeCommand.remains(of: arguments)
        #expect(remains == .init(folder: folder, inputs: inputs))
    }

    /// `-o` without a usable value anywhere on the line: no folder is sure.
    @Test(arguments: [
        ["run.jsonl", "-o"],
        ["run.jsonl", "-o", "--strict"],
        ["run.jsonl", "--output="],
        ["run.jsonl", "-o", "-q", "-o", "out"],
    ])
    func anOutputFlagWithoutAValueNamesNoFolder(arguments: [String]) {
        #expect(AnalyzeCommand.remains(of: arguments).folder == nil)
    }
}
