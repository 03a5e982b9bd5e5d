import Foundation
import Testing

/// Compressed inputs whose data was damaged or cut short (`fixtures/bad/README.md`): `--strict`
/// fails on them, naming the file, the damage and what was read; without it they are read
/// with a warning that CI sees in `junit.xml` and in annotations.
struct DamagedStreamTests {
    /// A damaged fixture, the decoder's warning, and the lines read of it, which `gzip -dc`
    /// and `zstd -dc` (`--no-check` for the bad checksum) also give: 200, 100, 100, 100, 100.
    struct Case: CustomStringConvertible, Sendable {
        var file: String
        var warning: String
        var lines: Int
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(
            file: "truncated.jsonl.zst",
            warning: "truncated zstd stream: the last frame (at byte 428) ended early after 111 "
                + "compressed bytes; lines before the cut were read",
            lines: 200),
        Case(
            file: "zstd-bad-checksum.jsonl.zst",
            warning: "zstd frame at byte 0 failed its checksum; its lines were read but may be "
                + "damaged",
            lines: 100),
        Case(
            file: "garbage-after.jsonl.zst",
            warning: "ignored data after the last zstd frame, from byte 205: not a zstd frame",
            lines: 100),
        Case(
            file: "cut-at-line-end.jsonl.gz",
            warning: "truncated gzip stream: member 2 (at byte 447) ended early after 12 "
                + "compressed bytes; lines before the cut were read",
            lines: 100),
        Case(
            file: "bad-crc.jsonl.gz",
            warning: "gzip member 1 (at byte 0) failed its CRC check; its lines were read but may "
                + "be damaged",
            lines: 100),
    ]

    @Test(arguments: cases)
    func strictFailsOnADamagedStream(_ damaged: Case) throws {
        let path = BinaryRunner.fixture("bad/\(damaged.file)")

        let run = try BinaryRunner.run(["analyze", path, "--strict", "--annotations", "github"])

        let error =
            "\(path): \(damaged.warning) (\(damaged.lines) lines: \(damaged.lines) records) "
            + "(--strict)"
        #expect(run.status == 2)
        #expect(run.stderr == "runlens: error: \(error)\n")
        #expect(
            run.stdout == "::error file=\(Self.property(path)),title=runlens input::\(error)\n")
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        let errors = junit.all("error")
        #expect(errors.map { $0.attributes["message"] } == [error])
        #expect(errors.map { $0.attributes["type"] } == ["damaged"])
    }

    @Test(arguments: cases)
    func withoutStrictCISeesTheWarning(_ damaged: Case) throws {
        let path = BinaryRunner.fixture("bad/\(damaged.file)")

        let run = try BinaryRunner.run([
            "analyze", path, "--annotations", "github", "--fail-on", "never",
        ])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.contains(
                "\n::warning file=\(Self.property(path)),title=runlens input::\(path): "
                    + "\(damaged.warning)\n"))
        let junit = try #require(XMLInspector.parse(run.output("junit.xml")))
        let input = junit.all("testcase").filter { $0.attributes["classname"] == "runlens.input" }
        #expect(input.map { $0.attributes["name"] } == [path])
        #expect(junit.all("system-out").map(\.text).contains("warning: \(damaged.warning)\n"))
        #expect(junit.all("failure").isEmpty && junit.all("error").isEmpty)
    }

    /// A clean compressed log passes `--strict`, with no input case in `junit.xml`.
    @Test func strictPassesAWholeStream() throws {
        let path = BinaryRunner.fixture("corpus-compressed/detectron2-metrics-jsonl")

        let run = try BinaryRunner.run(["analyze", path, "--strict", "--fail-on", "never"])

        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.output("junit.xml").contains("runlens.input"))
    }

    /// A path as a workflow command's property: `:` and `,` percent-encoded.
    private static func property(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ":", with: "%3A")
            .replacingOccurrences(of: ",", with: "%2C")
    }
}
