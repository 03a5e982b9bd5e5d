import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Permissions deny nothing to root, so these cases run runlens as `nobody` when the tests
/// run as root: the file and the folder below are then as closed to it as to any user.
extension BadInputTests {
    @Test(.enabled(if: canDropPrivileges, "needs setpriv to leave root"))
    func aFileWithoutReadPermissionInAFolderFailsTheRun() throws {
        let folder = try Self.openScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: false)
        try Self.copy("bad/case-keys.jsonl", to: input.appendingPathComponent("a.jsonl"))
        let locked = input.appendingPathComponent("b.jsonl")
        try Self.copy("bad/case-keys.jsonl", to: locked)
        chmod(locked.path, 0)
        let report = try Self.writableFolder(in: folder).appendingPathComponent("report")

        let run = try ProcessProbe.runlensUnprivileged(["analyze", input.path, "-o", report.path])

        Self.expectNoCrash(run)
        #expect(run.status == 2)
        #expect(
            run.stderrLines == ["runlens: error: cannot read '\(locked.path)': permission denied"])
        let summary = try Self.summary(at: report)
        #expect((summary["accounting"] as? [String: Int])?["records"] == 3)
        #expect((summary["inputErrors"] as? [String])?.count == 1)
    }

    @Test(.enabled(if: canDropPrivileges, "needs setpriv to leave root"))
    func anOutputFolderWithoutWritePermissionIsAnError() throws {
        let folder = try Self.openScratchDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let closed = folder.appendingPathComponent("closed")
        try FileManager.default.createDirectory(at: closed, withIntermediateDirectories: false)
        chmod(closed.path, 0o555)
        let input = folder.appendingPathComponent("in.jsonl").path
        try Self.copy("bad/case-keys.jsonl", to: URL(fileURLWithPath: input))

        let into = try ProcessProbe.runlensUnprivileged(["analyze", input, "-o", closed.path])
        let below = try ProcessProbe.runlensUnprivileged(
            ["analyze", input, "-o", closed.path + "/report"])

        Self.expectNoCrash(into)
        #expect(into.status == 2)
        #expect(into.stderrLines.count == 1)
        let line = into.stderrLines.first ?? ""
        #expect(line.hasPrefix("runlens: error: cannot write '\(closed.path)/"), "\(line)")
        #expect(line.hasSuffix("': permission denied"), "\(line)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: closed.path).isEmpty)
        #expect(below.status == 2)
        #expect(
            below.stderrLines == [
                "runlens: error: cannot write '\(closed.path)/report': permission denied"
            ])
    }

    /// True when runlens can run without root's privileges.
    static var canDropPrivileges: Bool {
        getuid() != 0 || FileManager.default.isExecutableFile(atPath: ProcessProbe.setpriv)
    }

    /// A scratch folder that every user may enter and read.
    static func openScratchDirectory() throws -> URL {
        let folder = try ProcessProbe.scratchDirectory()
        chmod(folder.path, 0o755)
        return folder
    }

    /// A folder in `parent` that every user may write to.
    static func writableFolder(in parent: URL) throws -> URL {
        let folder = parent.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        chmod(folder.path, 0o777)
        return folder
    }

    /// The `summary.json` of the report folder `report`, decoded.
    static func summary(at report: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: report.appendingPathComponent("summary.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
