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

    /// `-o --strict`: the folder was forgotten, and the report went to a folder named
    /// `--strict` while `--strict` itself was lost. A value after `=` or past `--` may start
    /// with `--`.
    @Test func anOptionIsNoFlagsValue() throws {
        #expect(
            throws: UsageError(
                "-o needs a value: a folder for the report, not the option '--strict'")
        ) {
            try AnalyzeCommand(arguments: ["run.jsonl", "-o", "--strict"])
        }
        let joined = try AnalyzeCommand(arguments: ["run.jsonl", "--output=--strict"])
        #expect(joined.outputDirectory == "--strict")
        #expect(
            throws: UsageError("-o needs a value: a folder for the report, not the option '-q'")
        ) {
            try AnalyzeCommand(arguments: ["run.jsonl", "-o", "-q"])
        }
        let negative = try AnalyzeCommand(arguments: ["run.jsonl", "--run-name", "-5"])
        #expect(negative.options.runName == "-5")
        let dashed = try AnalyzeCommand(arguments: ["run.jsonl", "--run-name=-x"])
        #expect(dashed.options.runName == "-x")
    }

    /// Release builds do not check conversions: `1e308w` overflowed to an infinite width and
    /// `1e-323ms` to zero, and a width of 5e-324 s made every window index unusable, so each
    /// ran with windows the user never asked for (or none). A number out of range, zero
    /// included, is named so, with the range; only what is no number is asked to look like one.
    @Test(arguments: [
        ("1e308w", "--window expects a duration from 1ms to 1e15s, got '1e308w'"),
        ("1e-323ms", "--window expects a duration from 1ms to 1e15s, got '1e-323ms'"),
        ("0s", "--window expects a duration from 1ms to 1e15s, got '0s'"),
        ("0", "--window expects a duration from 1ms to 1e15s, got '0'"),
        ("-5m", "--window expects a duration from 1ms to 1e15s, got '-5m'"),
        ("soon", "--window expects a duration such as 30s, 5m or 1h, got 'soon'"),
        ("nans", "--window expects a duration such as 30s, 5m or 1h, got 'nans'"),
        ("5e-324s", "--window expects a duration from 1ms to 1e15s, got '5e-324s'"),
        ("0.5ms", "--window expects a duration from 1ms to 1e15s, got '0.5ms'"),
        ("1e300d", "--window expects a duration from 1ms to 1e15s, got '1e300d'"),
    ])
    func rejectsWindowsNoLogCanUse(text: String, message: String) {
        #expect(throws: UsageError(message)) {
            try AnalyzeCommand(arguments: ["run.jsonl", "--window", text])
        }
    }

    @Test(arguments: [("1ms", 0.001), ("250ms", 0.25), ("5m", 300.0), ("1e15s", 1e15)])
    func acceptsWindowsFromAMillisecond(text: String, seconds: Double) throws {
        let command = try AnalyzeCommand(arguments: ["run.jsonl", "--window", text])
        #expect(command.options.windowSeconds == seconds)
    }

    /// Limits are named with the value quoted as given, the same way for every flag.
    @Test(arguments: [
        (
            ["--chunk-size", "2000000000"],
            "--chunk-size expects a positive integer of at most 1073741824, got '2000000000'"
        ),
        (
            ["--window-steps", "99999999999999999999"],
            "--window-steps expects a positive integer of at most 9223372036854775807, got "
                + "'99999999999999999999'"
        ),
        (["--window-steps", "2.5"], "--window-steps expects a positive integer, got '2.5'"),
        (["--window-steps", "1e3"], "--window-steps expects a positive integer, got '1e3'"),
        (["--max-fields", "0"], "--max-fields expects a positive integer, got '0'"),
        (["--max-series", "-4"], "--max-series expects a positive integer, got '-4'"),
    ])
    func integerFlagsQuoteTheValueAndNameTheLimit(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) {
            try AnalyzeCommand(arguments: ["run.jsonl"] + arguments)
        }
    }

    /// `--run-name ""` used to fall back to the derived name without a word, so a shard the
    /// user meant to merge stood as a run of its own in the digest.
    @Test(arguments: [
        (["--run-name", ""], "--run-name expects a name for the run, got ''"),
        (["--run-name="], "--run-name expects a name for the run, got ''"),
        (["--run-name", "  "], "--run-name expects a name for the run, got '  '"),
    ])
    func refusesAnEmptyRunName(arguments: [String], message: String) {
        #expect(throws: UsageError(message)) {
            try AnalyzeCommand(arguments: ["run.jsonl"] + arguments)
        }
    }

    @Test func quietIsASwitch() throws {
        #expect(try AnalyzeCommand(arguments: ["-q", "run.jsonl"]).quiet)
        #expect(try AnalyzeCommand(arguments: ["run.jsonl", "--quiet"]).quiet)
    }
}
