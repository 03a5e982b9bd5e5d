import Foundation
import Testing

@testable import RunLens

/// How digest inputs turn into sources: summaries, analyze folders, run folders, logs, and
/// folders of those.
struct DigestSourceTests {
    /// Creates `paths` (files, or folders when ending in `/`) under a new folder.
    private func tree(_ paths: [String]) throws -> URL {
        let root = try SyntheticRuns.temporaryFolder()
        for path in paths {
            let url = root.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } else {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data("{}\n".utf8).write(to: url)
            }
        }
        return root
    }

    @Test func sortsEachKindOfInput() throws {
        let root = try tree([
            "week/a-report/summary.json", "week/a-report/report.md", "week/b/rank0.jsonl",
            "week/b/rank1.jsonl", "week/c.summary.json", "week/.hidden/summary.json",
            "week/d/mlruns/1/run-id/meta.yaml", "week/d/mlruns/1/run-id/metrics/loss",
            "single.jsonl.gz", "loose/summary.json", "empty/", "week/last/digest.md",
            "week/last/digest.csv", "week/d.expected.json",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let path = root.path

        let resolution = try DigestSource.resolve([
            "\(path)/week", "\(path)/single.jsonl.gz", "\(path)/loose",
            "\(path)/loose/summary.json",
            "\(path)/empty",
        ])
        #expect(
            resolution.sources == [
                .outputFolder("\(path)/week/a-report"), .logs("\(path)/week/b"),
                .summary("\(path)/week/c.summary.json"), .logs("\(path)/week/d/mlruns/1/run-id"),
                .logs("\(path)/single.jsonl.gz"), .outputFolder("\(path)/loose"),
                .summary("\(path)/loose/summary.json"),
                .logs("\(path)/empty"),
            ])
        #expect(resolution.notes == ["skipped '\(path)/week/last': an earlier digest, not a run"])
    }

    /// A digest written into the folder of runs it sums up (`digest week -o week`) leaves the
    /// folder a collection to read again, and a run folder (logs beside the runs) a run
    /// whose logs are read without the digest's files.
    @Test func digestBesideItsRunsKeepsTheCollection() throws {
        let root = try tree([
            "week/a/summary.json", "week/b/rank0.jsonl", "week/digest.md", "week/digest.csv",
            "week/digest.json", "other/digest.md", "other/digest.json", "other/rank0.jsonl",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"
        let other = root.path + "/other"

        let resolution = try DigestSource.resolve([week, other])
        #expect(
            resolution.sources == [
                .outputFolder(week + "/a"), .logs(week + "/b"),
                .logsBeside(folder: other, inputs: [other + "/rank0.jsonl"]),
            ])
        #expect(resolution.notes.isEmpty)
    }

    /// A run written per node (`node0/rank0.jsonl`, `node1/rank0.jsonl`) is one run, whether
    /// its folder is given or found in a collection; a folder of runs stays a collection.
    @Test func nodeFoldersAreOneRun() throws {
        let root = try tree([
            "week/a/node0/rank0.jsonl", "week/a/node1/rank0.jsonl", "week/b/host-1/rank0.jsonl",
            "week/c/rank0.jsonl",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"

        #expect(
            try DigestSource.resolve([week]).sources == [
                .logs("\(week)/a"), .logs("\(week)/b"), .logs("\(week)/c"),
            ])
        #expect(try DigestSource.resolve([week + "/a"]).sources == [.logs("\(week)/a")])
    }

    /// Run folders come in natural order, as `analyze` walks them: `run2` before `run10`.
    @Test func runFoldersComeInNaturalOrder() throws {
        let root = try tree([
            "week/run10/rank0.jsonl", "week/run2/rank0.jsonl", "week/run1/x.jsonl",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"

        #expect(
            try DigestSource.resolve([week]).sources == [
                .logs(week + "/run1"), .logs(week + "/run2"), .logs(week + "/run10"),
            ])
    }

    @Test func aFolderWithLogsAndSummaryFilesIsOneRun() throws {
        let root = try tree(["run/rank0.jsonl", "run/old.summary.json"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(
            try DigestSource.resolve([root.path + "/run"]).sources == [.logs(root.path + "/run")])
    }

    /// `week/job-a/logs/` is run `job-a` whether or not a file sits beside `logs/`, and a
    /// job's own report beside its logs is passed over; a folder given as the input itself,
    /// or wrapping a collection, is not taken for a run.
    @Test func aFolderWrappingOneRunIsThatRun() throws {
        let root = try tree([
            "week/job-a/logs/rank0.jsonl", "week/job-b/logs/rank0.jsonl", "week/job-b/notes.txt",
            "week/job-0/logs/rank0.jsonl", "week/job-0/runlens-report/report.md",
            "week/shelf/all/r1/x.jsonl", "week/shelf/all/r2/x.jsonl", "solo/logs/rank0.jsonl",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"
        try Self.summary(
            listing: week + "/job-0/logs/rank0.jsonl", in: week + "/job-0/runlens-report")

        let resolution = try DigestSource.resolve([week, root.path + "/solo"])
        #expect(
            resolution.sources == [
                .logs(week + "/job-0"), .logs(week + "/job-a"), .logs(week + "/job-b"),
                .logs(week + "/shelf/all/r1"), .logs(week + "/shelf/all/r2"),
                .logs(root.path + "/solo/logs"),
            ])
        #expect(
            resolution.grouping == [
                "'\(week)/job-0' holds report(s) on logs read there, passed over so that no run "
                    + "counts twice: '\(week)/job-0/runlens-report'"
            ])
    }

    /// A run's report written beside it in a collection (`week/run1-report/` from
    /// `analyze week/run1`) is passed over, not digested as a second run.
    @Test func aReportBesideItsRunInACollectionIsPassedOver() throws {
        let root = try tree(["week/run1/rank0.jsonl", "week/run2/rank0.jsonl"])
        defer { try? FileManager.default.removeItem(at: root) }
        let week = root.path + "/week"
        try Self.summary(listing: "week/run1/rank0.jsonl", in: week + "/run1-report")

        let resolution = try DigestSource.resolve([week])
        #expect(resolution.sources == [.logs(week + "/run1"), .logs(week + "/run2")])
        #expect(resolution.grouping.count == 1)
    }

    /// Writes a runlens `summary.json` into `folder` that lists `input` as its one input.
    private static func summary(listing input: String, in folder: String) throws {
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        let text = #"{"schema":1,"tool":"runlens","inputs":[{"path":"\#(input)"}]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/summary.json"))
    }

    @Test func aMissingInputIsAnError() {
        #expect(throws: DigestError.input(InputError(path: "nope", kind: .notFound))) {
            try DigestSource.resolve(["nope"])
        }
    }
}
