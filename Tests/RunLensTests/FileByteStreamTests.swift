import Foundation
import Testing

@testable import RunLens

struct FileByteStreamTests {
    @Test func readsTheWholeFileAndCountsBytes() throws {
        let original = try InputFixtures.bytes("metrics.jsonl")
        let stream = try FileByteStream(path: InputFixtures.path("metrics.jsonl"))

        let bytes = try readAll(stream, buffer: 1 << 20)

        #expect(bytes == original)
        #expect(stream.bytesConsumed == 388_893)
        #expect(stream.warnings.isEmpty)
    }

    @Test func fileIsReadUpToTheSizeItHadWhenOpened() throws {
        let directory = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try InputFixtures.write(
            Array("{\"step\": 1}\n".utf8), to: "growing", in: directory)
        let stream = try FileByteStream(path: path)

        let appender = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try appender.seekToEnd()
        try appender.write(contentsOf: Data("{\"step\": 2}\n".utf8))
        try appender.close()
        let bytes = try readAll(stream, buffer: 3)

        #expect(bytes == Array("{\"step\": 1}\n".utf8))
        #expect(stream.bytesConsumed == 12)
    }

    @Test func fileWithoutASizeIsReadToItsEnd() throws {
        let stream = try FileByteStream(path: "/proc/self/status")

        let text = String(decoding: try readAll(stream, buffer: 64), as: UTF8.self)

        #expect(text.hasPrefix("Name:"))
        #expect(text.contains("VmPeak:"))
    }

    @Test func missingFileIsNotFound() {
        #expect(throws: InputError(path: "/nonexistent/x.jsonl", kind: .notFound)) {
            _ = try FileByteStream(path: "/nonexistent/x.jsonl")
        }
    }

    @Test func pathThroughAFileIsNotFound() {
        let path = InputFixtures.path("metrics.jsonl") + "/inside"
        #expect(throws: InputError(path: path, kind: .notFound)) {
            _ = try FileByteStream(path: path)
        }
    }

    @Test func directoryIsReportedAsOne() {
        let path = InputFixtures.directory.path
        #expect(throws: InputError(path: path, kind: .isDirectory)) {
            _ = try FileByteStream(path: path)
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFileIsPermissionDenied() throws {
        let directory = try InputFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try InputFixtures.write([1, 2, 3], to: "locked.jsonl", in: directory)
        chmod(path, 0)

        #expect(throws: InputError(path: path, kind: .permissionDenied)) {
            _ = try FileByteStream(path: path)
        }
    }

    @Test(arguments: [
        (ENOENT, InputError.Kind.notFound), (ENOTDIR, .notFound), (EACCES, .permissionDenied),
        (EPERM, .permissionDenied), (EISDIR, .isDirectory),
        (EIO, .readFailed("input/output error")),
    ])
    func errnoMapsToKinds(code: Int32, kind: InputError.Kind) {
        #expect(FileByteStream.kind(forErrno: code) == kind)
    }
}
