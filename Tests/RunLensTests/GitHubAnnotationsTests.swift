import Testing

@testable import RunLens

struct GitHubAnnotationsTests {
    @Test func matchesTheGoldenFile() throws {
        let verdict = Verdict(incidents: ReportFixture.trainingIncidents, failOn: .error)
        let text = GitHubAnnotations.lines(verdict).joined(separator: "\n") + "\n"
        #expect(try Golden.mismatch(text, "annotations-training.txt") == nil)
    }

    /// An input that could not be read is an error on its file, after the incidents; its
    /// path is escaped as a property and its reason as a message.
    @Test func eachUnreadableInputIsAnErrorOnItsFile() {
        let verdict = Verdict(incidents: [], failOn: .critical)
        let unreadable = [
            InputError(path: "logs/rank1.jsonl", kind: .permissionDenied),
            InputError(path: "a:b,c.zst", kind: .corrupt("zstd: 50% lost")),
        ]

        #expect(
            GitHubAnnotations.lines(verdict, unreadable: unreadable) == [
                "::error file=logs/rank1.jsonl,title=runlens input::"
                    + "cannot read 'logs/rank1.jsonl': permission denied",
                "::error file=a%3Ab%2Cc.zst,title=runlens input::'a:b,c.zst' is corrupt: zstd: "
                    + "50%25 lost",
            ])
    }

    /// An analysis that could not do its job: its unreadable inputs, then what stopped it,
    /// on the file and line of a malformed line under `--strict`.
    @Test func aFailedAnalysisSaysWhatStoppedIt() {
        let missing = InputError(path: "rank1.jsonl", kind: .notFound)
        let strict = MalformedLine(file: "a,b.jsonl", line: 7, reason: "not a JSON object")

        #expect(
            GitHubAnnotations.lines(failure: .malformed(strict), unreadable: [missing]) == [
                "::error file=rank1.jsonl,title=runlens input::"
                    + "cannot read 'rank1.jsonl': no such file or directory",
                "::error file=a%2Cb.jsonl,line=7,title=runlens input::"
                    + "a,b.jsonl:7: not a JSON object (--strict)",
            ])
        #expect(
            GitHubAnnotations.lines(failure: .input(missing), unreadable: [missing]) == [
                "::error file=rank1.jsonl,title=runlens input::"
                    + "cannot read 'rank1.jsonl': no such file or directory"
            ])
        #expect(
            GitHubAnnotations.lines(failure: .noInputs(["logs"]), unreadable: []) == [
                "::error title=runlens::no log file found in 'logs'"
            ])
    }

    @Test func messagesEscapePercentAndLineEnds() {
        #expect(
            GitHubAnnotations.escapeData("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b")
    }

    @Test func propertiesAlsoEscapeColonsAndCommas() {
        #expect(GitHubAnnotations.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
    }

    @Test func splitsTheLocationAtItsLastColon() throws {
        let plain = try #require(GitHubAnnotations.fileAndLine("logs/a.jsonl:141"))
        #expect(plain == ("logs/a.jsonl", 141))
        let drive = try #require(GitHubAnnotations.fileAndLine("C:/runs/a.jsonl:12"))
        #expect(drive == ("C:/runs/a.jsonl", 12))
        #expect(GitHubAnnotations.fileAndLine("a.jsonl") == nil)
        #expect(GitHubAnnotations.fileAndLine("a.jsonl:0") == nil)
        #expect(GitHubAnnotations.fileAndLine(nil) == nil)
    }

    @Test(arguments: [
        (Severity.critical, Severity?.some(.error), "error"), (.error, .error, "error"),
        (.warning, .error, "warning"), (.error, .critical, "warning"), (.info, .critical, "notice"),
        (.critical, nil, "warning"), (.info, .info, "error"),
    ])
    func levelFollowsFailOn(severity: Severity, failOn: Severity?, level: String) {
        #expect(GitHubAnnotations.level(severity, failOn: failOn) == level)
    }

    @Test func anIncidentWithoutALocationHasOnlyATitle() {
        let incident = Incident(severity: .warning, detector: "alert_storm", message: "12 alerts")
        let line = GitHubAnnotations.lines(Verdict(incidents: [incident], failOn: .critical))
        #expect(line == ["::warning title=runlens alert_storm::12 alerts"])
    }
}
